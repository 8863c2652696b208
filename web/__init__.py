"""TubeLens over HTTP: REST+JSON transcoded from the gateway's google.api.http rules, server-sent
events for streamed analyses, the OpenAPI description, and the web page."""
