#!/usr/bin/env bash
# Shared by ./glasscore and ./test.sh: checks for the .NET SDK and Debian packages, installs what is
# missing when running as root, or prints the exact command to run otherwise.

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "GlassCore needs the .NET 10 SDK (dotnet) on PATH." >&2
    if [ "$(id -u)" = 0 ]; then
      apt_install dotnet-sdk-10.0 || true
    fi
    command -v dotnet >/dev/null 2>&1 || { echo "Install it: apt-get install dotnet-sdk-10.0 (or see https://dot.net)" >&2; exit 1; }
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

_apt_updated=0
apt_install() {
  if [ "$_apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ensure_packages PKG...: installs the Debian packages that are not installed yet.
ensure_packages() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${missing[*]}" >&2
    apt_install "${missing[@]}"
  else
    echo "GlassCore needs these Debian packages: ${missing[*]}" >&2
    echo "Run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}
