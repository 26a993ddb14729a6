#!/bin/sh
# The PNG icons a phone needs to put the guide on its home screen, drawn from static/favicon.svg
# by librsvg (Debian: `apt-get install librsvg2-bin`). Run after changing the SVG, from anywhere;
# commit the PNGs it writes into static/.
#
#   icons/icon-192.png, icons/icon-512.png   the icon as drawn (rounded corners), manifest "any"
#   icons/icon-maskable-512.png              full-bleed square, manifest "maskable": the phone
#                                            cuts its own shape (the tick stays in the safe zone)
#   apple-touch-icon.png                     180 px full-bleed (iOS rounds it itself and would
#                                            fill transparent corners with black)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
static="$here/static"
svg="$static/favicon.svg"
square=$(mktemp --suffix=.svg)
trap 'rm -f "$square"' EXIT
# The same drawing without the rounded corners of its background.
sed 's/ rx="12"//' "$svg" > "$square"
grep -q 'rx=' "$square" && { echo "make-icons: the square icon still has rounded corners" >&2; exit 1; }

mkdir -p "$static/icons"
rsvg-convert --width 192 --height 192 "$svg" -o "$static/icons/icon-192.png"
rsvg-convert --width 512 --height 512 "$svg" -o "$static/icons/icon-512.png"
rsvg-convert --width 512 --height 512 "$square" -o "$static/icons/icon-maskable-512.png"
rsvg-convert --width 180 --height 180 "$square" -o "$static/apple-touch-icon.png"
ls -l "$static/icons" "$static/apple-touch-icon.png"
