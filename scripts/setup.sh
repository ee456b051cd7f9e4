#!/usr/bin/env bash
# Installs what gongkai needs on a fresh Debian machine, and nothing that is already there:
# Debian's chromium (PDF printing), fonts-noto-cjk (Chinese text) and poppler-utils (PDF
# tests), then the npm packages from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if ((${#need[@]})); then
  echo "安装系统软件包：${need[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "安装 npm 依赖（npm ci）"
  npm ci --no-audit --no-fund --loglevel=error
fi
