#!/usr/bin/env bash
# `make demo`: start the stack, analyse both sample bundles, make a photo card, stop the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
tubelens=.venv/bin/tubelens
port=${TUBELENS_DEMO_PORT:-50051}
target=127.0.0.1:$port
mkdir -p out

$tubelens up --port "$port" &
stack=$!
trap 'kill -TERM $stack 2>/dev/null; wait $stack' EXIT
$tubelens health --target "$target" --wait 60

for sample in en-sourdough ko-homecafe; do
  $tubelens analyze "$sample" --target "$target"
done
$tubelens photocard samples/portrait/astronaut.png --target "$target" \
  --prompt "Commander of STS-93, the first woman to command a Space Shuttle mission." \
  -o out/astronaut-card.png
echo "Demo finished: the photo card is out/astronaut-card.png"
