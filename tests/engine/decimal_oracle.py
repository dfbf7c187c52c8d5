#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Oracle for orb::Decimal: reads one operation a line on stdin, prints the expected result.

Lines: `add A B`, `sub A B`, `mul A B`, `div A B SCALE MODE`, `round A PLACES MODE`, `cmp A B`.
Results follow Orb's rules: exact when the result fits in 38 digits and 38 places, otherwise
rounded half-even once to what fits; OVERFLOW when the integer part needs more than 38 digits.
"""
import sys
from decimal import Decimal, Context, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN, ROUND_UP, ROUND_FLOOR, ROUND_CEILING, localcontext

MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN,
         "up": ROUND_UP, "floor": ROUND_FLOOR, "ceiling": ROUND_CEILING}
WIDE = Context(prec=500, Emax=999999, Emin=-999999)
MAXD = 38


def digits(d):
    t = d.as_tuple()
    n = len(t.digits)
    # as_tuple keeps leading zeros only for zero itself
    return max(1, n - next((i for i, x in enumerate(t.digits) if x != 0), n - 1)) if any(t.digits) else 1


def fmt(d):
    if d == 0:
        d = abs(d)
    return format(d, "f")


def finish(d):
    scale = -d.as_tuple().exponent
    drop = max(digits(d) - MAXD, scale - MAXD, 0)
    if drop > 0:
        d = d.quantize(Decimal(1).scaleb(-(scale - drop)), rounding=ROUND_HALF_EVEN, context=WIDE)
        scale -= drop
        if digits(d) > MAXD:
            # 99.9 rounded up to 100.0: one more (exact) drop
            d = d.quantize(Decimal(1).scaleb(-(scale - 1)), context=WIDE)
            scale -= 1
    if scale < 0 or digits(d) > MAXD:
        return "OVERFLOW"
    return fmt(d)


def main():
    out = []
    for line in sys.stdin:
        p = line.split()
        if not p:
            continue
        op = p[0]
        a = Decimal(p[1])
        if op == "round":
            places, mode = int(p[2]), MODES[p[3]]
            r = a.quantize(Decimal(1).scaleb(-places), rounding=mode, context=WIDE)
            out.append("OVERFLOW" if digits(r) > MAXD else fmt(r))
            continue
        b = Decimal(p[2])
        if op == "add":
            out.append(finish(WIDE.add(a, b)))
        elif op == "sub":
            out.append(finish(WIDE.subtract(a, b)))
        elif op == "mul":
            out.append(finish(WIDE.multiply(a, b)))
        elif op == "cmp":
            out.append(str((a > b) - (a < b)))
        elif op == "div":
            if b == 0:
                out.append("DIVZERO")
                continue
            scale, mode = int(p[3]), MODES[p[4]]
            q = WIDE.divide(a, b).quantize(Decimal(1).scaleb(-scale), rounding=mode, context=WIDE)
            out.append("OVERFLOW" if digits(q) > MAXD else fmt(q))
        else:
            out.append("BADOP")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
