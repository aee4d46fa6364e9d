"""Writes hyp2f1-references.csv: ln 2F1(a, b; c; z) at 50 significant digits, computed by mpmath.

mpmath (https://mpmath.org) evaluates 2F1 in arbitrary precision with its own methods (series, transformations
at 1 - z with exact limits for integer c - a - b); it shares no code with the Java implementation it checks.
Run from this directory: python3 hyp2f1_references.py > ../resources/dev/lifecycle/predict/hyp2f1-references.csv
"""
import itertools
import mpmath

mpmath.mp.dps = 60

params = ["0.01", "0.243", "0.793", "1", "2.426", "7.5", "40", "1000"]
zs = ["0.001", "0.1", "0.37", "0.5", "0.5000001", "0.62", "0.9", "0.99", "0.999", "0.999999", "0.999999999999"]
cases = []
for a, b, c in itertools.product(params, repeat=3):
    for z in zs:
        cases.append((a, b, c, z))
# c - a - b a whole number or nearly so, where connection formulas need limits
for a, b, m in [("0.5", "0.5", 1), ("2.5", "1.5", 0), ("1.25", "3.75", -2), ("3", "4", 2), ("0.75", "0.25", 3)]:
    for z in ["0.75", "0.95", "0.9999"]:
        c = str(mpmath.mpf(a) + mpmath.mpf(b) + m)
        cases.append((a, b, c, z))
        cases.append((a, b, str(mpmath.mpf(c) + mpmath.mpf("1e-9")), z))
# the shapes the models use: BG/NBD (r+x, b+x; a+b+x-1) and Pareto/NBD (r+s+x, s+1; r+s+x+1), CDNOW-like values
for x in [0, 1, 2, 7, 30, 300, 5000]:
    for z in ["0.25", "0.48", "0.8", "0.995"]:
        cases.append((str(0.243 + x), str(2.426 + x), str(0.793 + 2.426 + x - 1), z))
        cases.append((str(0.553 + 0.606 + x), str(1.606), str(0.553 + 0.606 + x + 1), z))

print("a,b,c,z,log2F1")
for a, b, c, z in cases:
    # the exact values of the doubles the test parses, not the decimals: near z = 1 the difference matters
    value = mpmath.hyp2f1(*(mpmath.mpf(float(v)) for v in (a, b, c, z)), maxterms=10**7)
    print("%s,%s,%s,%s,%s" % (a, b, c, z, mpmath.nstr(mpmath.log(value), 50)))
