#!/bin/sh
# Regenerates the simulator's caller speech (run once; the .ulaw files are committed).
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). Output: raw headerless
# G.711 µ-law, 8 kHz mono, exactly what a Twilio Media Stream carries.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
espeak-ng -v en-us -s 150 -w "$tmp/en.wav" "Hello, this is the switchboard simulator."
espeak-ng -v he -s 140 -w "$tmp/he.wav" "שלום, זה הסימולטור של סוויצ'בורד."
for lang in en he; do
    sox "$tmp/$lang.wav" -r 8000 -c 1 -t raw -e u-law -b 8 "speech_$lang.ulaw"
done
