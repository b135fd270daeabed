#!/usr/bin/env bash
# Checks a built Debian package (make deb): it holds the binary, the web UI, the data, the
# systemd units, the default configuration as a conffile, and the docs. Usage: deb-check.sh FILE.deb
set -euo pipefail
deb=${1:?usage: deb-check.sh FILE.deb}
listing=$(dpkg-deb -c "$deb" | awk '{print $NF}')
fail=0
for path in ./usr/bin/ballast ./usr/share/ballast/web/index.html ./usr/share/ballast/data/sdc.toml \
            ./usr/share/ballast/data/regions_gbt2260_2024.csv ./usr/lib/systemd/system/ballast.service \
            ./usr/lib/systemd/system/ballast@.service ./etc/ballast/ballast.toml \
            ./usr/share/doc/ballast/operations.md ./usr/share/doc/ballast/ballast.conf; do
  if ! grep -qxF "$path" <<<"$listing"; then
    echo "deb-check: $deb lacks $path" >&2
    fail=1
  fi
done
grep -q '^./usr/share/ballast/data/geo/' <<<"$listing" || { echo "deb-check: $deb lacks the maps (data/geo)" >&2; fail=1; }
grep -q '^./usr/share/ballast/web/assets/' <<<"$listing" || { echo "deb-check: $deb lacks the web assets" >&2; fail=1; }
dpkg-deb -I "$deb" conffiles | grep -qxF /etc/ballast/ballast.toml || { echo "deb-check: the config is no conffile" >&2; fail=1; }
dpkg-deb -I "$deb" postinst >/dev/null || { echo "deb-check: no postinst (the ballast user)" >&2; fail=1; }
dpkg-deb -f "$deb" Depends | grep -q libsqlite3 || { echo "deb-check: Depends lacks the shared libraries" >&2; fail=1; }
[ $fail -eq 0 ] && echo "deb-check: $deb holds the binary, web UI, data, units, config and docs ($(wc -l <<<"$listing") entries)"
exit $fail
