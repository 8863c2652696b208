"""Who may call the gateway, with what right, at what cost: callers, credentials, quotas, usage."""
