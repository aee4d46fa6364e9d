"""Writes model-references.csv: likelihoods and predictions of the purchase and spend models, computed by mpmath
(https://mpmath.org) by numerical integration over the customer-level parameters, without the closed forms.

Each figure starts from the individual-level model (Poisson purchases; dropout after a purchase with probability p,
or an exponential lifetime; gamma order values) and mixes it over the gamma and beta distributions of the
parameters. The gamma mixtures of exponentials are integrated in closed form,
G(k, c) = integral of lam^k e^(-lam c) gamma(lam; r, alpha) = Gamma(r+k)/Gamma(r) alpha^r / (alpha+c)^(r+k),
and the remaining integral (over p, over the time of dropout, or over the spend rate) numerically with mpmath's
tanh-sinh quadrature at 30 digits. No 2F1, beta-function ratio or incomplete beta function of the Java formulas is
used. Run from this directory:
python3 model_references.py > ../resources/dev/lifecycle/predict/model-references.csv
"""
import mpmath as mp

mp.mp.dps = 30


def moment(shape, scale, k, c):
    """integral of v^k e^(-v c) against the gamma(shape, rate scale) density"""
    return mp.gamma(shape + k) / mp.gamma(shape) * scale ** shape / (scale + c) ** (shape + k)


def beta_pdf(p, a, b):
    return p ** (a - 1) * (1 - p) ** (b - 1) / mp.beta(a, b)


def over_p(f, a, b):
    return mp.quad(lambda p: f(p) * beta_pdf(p, a, b), [0, mp.mpf("0.5"), 1])


def bg_rows(name, r, alpha, a, b, x, tx, T, t, ks, modified):
    G = lambda k, c: moment(r, alpha, k, c)
    m = 1 if modified else 0
    # alive at T: survived x dropout chances (x + 1 for MBG/NBD); dropped out right after the last purchase
    alive = lambda p: (1 - p) ** (x + m) * G(x, T)
    dropped = lambda p: (p * (1 - p) ** (x - 1 + m) * G(x, tx)) if (x > 0 or modified) else mp.mpf(0)
    total = over_p(lambda p: alive(p) + dropped(p), a, b)
    alive_mass = over_p(alive, a, b)
    # alive at T, purchases in (T, T+t] number min(N, D), D the purchase after which the customer leaves:
    # E = (1 - e^(-lam p t)) / p given lam and p
    expected = over_p(lambda p: (1 - p) ** (x + m) * (G(x, T) - G(x, T + p * t)) / p, a, b) / total
    params = (r, alpha, a, b)
    yield (name, "logLikelihood", *params, x, tx, T, 0, 0, mp.log(total))
    yield (name, "probabilityAlive", *params, x, tx, T, 0, 0, alive_mass / total)
    yield (name, "conditionalExpectedPurchases", *params, x, tx, T, t, 0, expected)
    poisson = lambda j: G(x + j, T + t) * t ** j / mp.factorial(j)  # P(N = j) times the history's lam^x e^(-lam T)
    for k in ks:
        if k == 0:
            value = over_p(lambda p: (1 - p) ** (x + m) * poisson(0), a, b) / total + 1 - alive_mass / total
        else:
            above = G(x, T) - sum(poisson(j) for j in range(k + 1))
            value = over_p(lambda p: (1 - p) ** (x + m) * (1 - p) ** (k - 1) * (poisson(k) + p * above), a, b) / total
        yield (name, "conditionalProbabilityOfPurchases", *params, x, tx, T, t, k, value)


def pareto_rows(r, alpha, s, beta, x, tx, T, t, ks):
    G = lambda k, c: moment(r, alpha, k, c)
    H = lambda k, c: moment(s, beta, k, c)
    # alive at T, or dropped out at tau in (t_x, T] with density mu e^(-mu tau)
    alive = G(x, T) * H(0, T)
    dropped = mp.quad(lambda tau: G(x, tau) * H(1, tau), [tx, T]) if tx < T else mp.mpf(0)
    total = alive + dropped
    # alive at T: E = lam/mu (1 - e^(-mu t)); over mu, 1/mu (e^(-mu T) - e^(-mu (T+t))) integrates e^(-mu c), c in (T, T+t]
    expected = G(x + 1, T) * mp.quad(lambda c: H(0, c), [T, T + t]) / total
    params = (r, alpha, s, beta)
    yield ("Pareto/NBD", "logLikelihood", *params, x, tx, T, 0, 0, mp.log(total))
    yield ("Pareto/NBD", "probabilityAlive", *params, x, tx, T, 0, 0, alive / total)
    yield ("Pareto/NBD", "conditionalExpectedPurchases", *params, x, tx, T, t, 0, expected)
    # a new customer: alive through t, or a lifetime tau < t; purchases Poisson in min(tau, t), mixed over lam
    nb = lambda span, k: G(k, span) * span ** k / mp.factorial(k)
    for k in ks:
        fresh = nb(t, k) * H(0, t) + mp.quad(lambda tau: nb(tau, k) * H(1, tau), [0, t])
        yield ("Pareto/NBD", "probabilityOfPurchases", *params, 0, 0, 0, t, k, fresh)


def gamma_gamma_rows(p, q, g, x, m):
    # the mean of x gamma(p, rate nu) values is gamma(p x, rate nu x); nu is gamma(q, rate g)
    dens = lambda v, shape, rate: rate ** shape * v ** (shape - 1) * mp.exp(-rate * v) / mp.gamma(shape)
    density = mp.quad(lambda nu: dens(m, p * x, nu * x) * dens(nu, q, g), [0, 1, mp.inf])
    yield ("Gamma-Gamma", "logLikelihood", p, q, g, 0, x, m, 0, 0, 0, mp.log(density))


def emit(rows):
    for row in rows:
        print(",".join(mp.nstr(v, 20) if isinstance(v, mp.mpf) else str(v) for v in row), flush=True)


print("model,figure,p1,p2,p3,p4,x,tx,T,t,k,value")
bg = [mp.mpf(v) for v in ("0.243", "4.414", "0.793", "2.426")]
other = [mp.mpf(v) for v in ("1.7", "12.5", "2.6", "0.9")]
histories = [(0, 0, "38.86"), (2, "30.43", "38.86"), (1, "1.71", "38.86"), (7, "29.43", "35.14"), (15, "50", "52"),
             (3, "20", "20")]
for params in (bg, other):
    for x, tx, T in histories:
        tx, T = mp.mpf(tx), mp.mpf(T)
        for name, modified in (("BG/NBD", False), ("MBG/NBD", True)):
            emit(bg_rows(name, *params, x, tx, T, mp.mpf(39), (0, 1, 3, 10), modified))
pareto = [mp.mpf(v) for v in ("0.553", "10.578", "0.606", "11.669")]
pareto_other = [mp.mpf(v) for v in ("2.2", "3.5", "1.4", "40")]
for params in (pareto, pareto_other):
    for x, tx, T in histories:
        emit(pareto_rows(*params, x, mp.mpf(tx), mp.mpf(T), mp.mpf(39), (0, 1, 3, 10) if x == 0 else ()))
for x, m in ((1, "11.77"), (2, "22.35"), (9, "41.5"), (30, "3.2")):
    emit(gamma_gamma_rows(mp.mpf("6.25"), mp.mpf("3.74"), mp.mpf("15.44"), x, mp.mpf(m)))
