#!/usr/bin/env bash
# Installs the Debian packages TubeLens needs, only those missing: apt-get as root, or sudo
# without a password; otherwise it names the packages and stops.
set -euo pipefail

missing=()
# python3 -m venv needs ensurepip, which Debian splits into python3-venv.
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
# The photo card renders Korean and Latin text with NanumGothic.
[ -f /usr/share/fonts/truetype/nanum/NanumGothic.ttf ] || missing+=(fonts-nanum)
# The thumbnail engine reads text with tesseract, in English and Korean.
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/kor.traineddata 2>/dev/null)" ] || missing+=(tesseract-ocr-kor)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata 2>/dev/null)" ] || missing+=(tesseract-ocr-eng)
# The result cache's integration test runs a real Redis (the shared store of gateway replicas).
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# The metrics test scrapes the servers with a real Prometheus.
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
# The web page's tests drive a real browser: Debian's Chromium and its WebDriver.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# buf, the protobuf linter, comes from the npm registry.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "TubeLens needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
