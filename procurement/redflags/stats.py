"""Order statistics and float arithmetic that reproduce the peer's numbers bit for bit.

The peer takes quartiles with the statrs crate: the median-unbiased estimator (Hyndman & Fan type 8), and
builds fences with a fused multiply-add. Both matter at the boundary, where a value equal to the fence is
flagged.
"""

from __future__ import annotations

import math
from fractions import Fraction

NAN = float("nan")


def _ordered(values: list[float]) -> list[float]:
    # NaN goes after +inf so that a stray NaN ratio cannot scramble the order of the others.
    numbers = [v for v in values if v == v]
    numbers.sort()
    return numbers + [NAN] * (len(values) - len(numbers))


def _quantile_of_sorted(data: list[float], tau: float) -> float:
    n = len(data)
    if not 0.0 <= tau <= 1.0 or n == 0:
        return NAN
    h = (n + 1.0 / 3.0) * tau + 1.0 / 3.0
    hf = int(h)
    if hf <= 0 or tau == 0.0:
        return data[0]
    if hf >= n or _ulps_equal_one(tau):
        return data[-1]
    a = data[hf - 1]
    b = data[hf]
    return a + (h - hf) * (b - a)


def quantile(values: list[float], tau: float) -> float:
    """Type-8 sample quantile, as statrs' `OrderStatistics::quantile` computes it."""
    return _quantile_of_sorted(_ordered(values), tau)


def _ulps_equal_one(tau: float) -> bool:
    # statrs compares tau with 1.0 within 4 units in the last place (approx's ulps_eq! default).
    return tau == 1.0 or abs(tau - 1.0) <= 4 * math.ulp(1.0)


def quartiles(values: list[float]) -> tuple[float, float]:
    data = _ordered(values)
    return _quantile_of_sorted(data, 0.25), _quantile_of_sorted(data, 0.75)


def percentile(values: list[float], p: int) -> float:
    return quantile(values, p / 100.0)


def fma(a: float, b: float, c: float) -> float:
    """a·b + c rounded once, like Rust's `f64::mul_add`."""
    if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(c)):
        return a * b + c
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def round4(value: float) -> float:
    """`(v * 10_000.0).round() / 10_000.0` with Rust's round-half-away-from-zero."""
    scaled = value * 10_000.0
    if not math.isfinite(scaled):
        return scaled
    whole = math.floor(abs(scaled))
    if abs(scaled) - whole >= 0.5:
        whole += 1
    return math.copysign(whole, scaled) / 10_000.0


def ratio(numerator: float, denominator: float) -> float:
    """IEEE division: x/0 gives ±inf or NaN instead of raising, as in the peer."""
    if denominator == 0:
        if numerator == 0 or numerator != numerator:
            return NAN
        return math.copysign(math.inf, numerator) * math.copysign(1.0, denominator)
    return numerator / denominator
