#!/usr/bin/env bash
# Installs the Debian packages the tests need (real Dovecot for IMAP, POP3,
# submission and LMTP; openssl for the test CA; swaks; Chromium for browser
# tests). Skips what is already installed.
set -euo pipefail

packages=(dovecot-imapd dovecot-pop3d dovecot-submissiond dovecot-lmtpd openssl swaks chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "[setup] Debian packages present" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
echo "[setup] installing Debian packages: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
# The packages start no service we rely on; the test bed runs its own Dovecot.
