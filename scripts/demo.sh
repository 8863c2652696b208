#!/usr/bin/env bash
# `make demo`: start the stack, analyse both sample bundles, make a photo card, stop the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
tubelens=.venv/bin/tubelens
port=${TUBELENS_DEMO_PORT:-50051}
web_port=${TUBELENS_DEMO_WEB_PORT:-8080}
target=127.0.0.1:$port
mkdir -p out

# The servers' JSON logs go to out/stack.log; the reports go to the terminal.
$tubelens up --port "$port" --web-port "$web_port" 2> out/stack.log &
stack=$!
trap 'kill -TERM $stack 2>/dev/null; wait $stack' EXIT
for offset in 0 1 2 3 4 5; do  # the gateway, then the five services
  $tubelens health --target "127.0.0.1:$((port + offset))" --wait 90 \
    || { echo "The stack did not come up; the end of out/stack.log:"; tail -n 30 out/stack.log; exit 1; }
done

for sample in en-sourdough ko-homecafe; do
  $tubelens analyze "$sample" --target "$target"
done
$tubelens photocard samples/portrait/astronaut.png --target "$target" \
  --prompt "Commander of STS-93, the first woman to command a Space Shuttle mission." \
  -o out/astronaut-card.png
echo "Demo finished: the photo card is out/astronaut-card.png"
if [ -t 0 ]; then  # someone is at the terminal: leave the stack up for the page
  echo "Open http://127.0.0.1:$web_port/ to analyse a video in the browser (HTTP/JSON API:"
  echo "http://127.0.0.1:$web_port/openapi.json). Press Ctrl-C to stop."
  wait $stack
fi
