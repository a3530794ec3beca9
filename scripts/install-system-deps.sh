#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs at build, test and run time, only if missing.
# tesseract-ocr (the CLI) too: the layer build records `tesseract --version` in its manifest.
# mmdebstrap: tesseract-layer/build-bullseye.sh builds the layer's Tesseract in a Debian 11 root file system.
set -euo pipefail
packages=(libtesseract5 tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd fonts-dejavu-core fonts-liberation fonts-freefont-ttf
          openjdk-17-jdk-headless maven zip unzip nodejs npm
          mmdebstrap)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from outside apt (e.g. a preinstalled Node): accept a working npm on PATH.
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs/}"); missing=("${missing[@]/npm/}")
fi
# mvn/java likewise.
command -v mvn >/dev/null 2>&1 && missing=("${missing[@]/maven/}")
command -v javac >/dev/null 2>&1 && missing=("${missing[@]/openjdk-17-jdk-headless/}")
read -r -a missing <<< "${missing[*]:-}"
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
