#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the hicolor PNGs from the SVG. Run once after changing the SVG and commit the result:
# the build does not need an SVG renderer. Needs rsvg-convert (Debian package librsvg2-bin).
set -eu
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" io.github.orb.Billing.svg -o "hicolor/${size}x${size}/apps/io.github.orb.Billing.png"
done
