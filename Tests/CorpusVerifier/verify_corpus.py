#!/usr/bin/env python3
"""Independent re-check of the bcv-bench reference corpus (Suites/corpus/*.json).

This script shares no code with the Swift project. For every case of every
`bcv-corpus/1` file it rebuilds the three obligations (`initial`, `unsafe`,
`flow`) from the format's Conditions table and confirms the `expected` label:

* invalid: the witness is checked exactly. Polynomial obligations are evaluated
  in rational arithmetic (fractions.Fraction); others with rigorous interval
  arithmetic (mpmath.iv, 128 bits). The point must lie in the closure of the
  relevant set and the condition must fail strictly.
* valid: every obligation is proved. Polynomial obligations are negated,
  written as SMT-LIB2 (QF_NRA) and handed to the `z3` binary: `unsat` confirms.
  Obligations with non-polynomial parts are proved by branch and bound with
  mpmath interval arithmetic (outward rounding), which needs a positive margin
  everywhere on the region.

Extra checks: format sanity (required keys, unique ids, every variable bounded
by the domain box), tag consistency (dimension / time / kind / verdict /
polynomial tags), `rewrite` cases agree with their `same-as:` original, and for
`near-miss` cases the two other conditions are proved valid as well.

Usage:
  verify_corpus.py [--case ID ...] [--jobs N] [--timeout S]
  verify_corpus.py --table                 # (re)generate Suites/README.md
  verify_corpus.py --montecarlo N [--case ID]   # violation fraction of near misses
"""

import argparse
import glob
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from fractions import Fraction

try:
    from mpmath import iv, mp, mpf
    HAVE_MPMATH = True
except ImportError:  # pragma: no cover
    HAVE_MPMATH = False

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CORPUS_DIR = os.path.join(ROOT, "Suites", "corpus")
README = os.path.join(ROOT, "Suites", "README.md")

FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "atan", "abs")
CASE_KEYS = {"id", "title", "source", "tags", "variables", "time", "dynamics",
             "domain", "initial", "unsafe", "certificate", "condition",
             "expected", "evidence"}
SET_KEYS = {"box", "where", "anyOf"}
CONDITIONS = ("initial", "unsafe", "flow")

# ---------------------------------------------------------------------------
# Expression parser (the grammar of corpus-format.md)
# ---------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
                    r"|(?P<id>[A-Za-z_][A-Za-z0-9_]*)"
                    r"|(?P<rel><=|>=|<|>)"
                    r"|(?P<op>[-+*/^(),]))")


class ParseError(Exception):
    pass


def tokenize(text):
    pos, out = 0, []
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ParseError("unexpected character at column %d in %r" % (pos + 1, text))
        kind = m.lastgroup
        out.append((kind, m.group(kind), m.start(kind) + 1))
        pos = m.end()
    out.append(("end", "", len(text) + 1))
    return out


class Parser:
    def __init__(self, text, variables):
        self.text = text
        self.toks = tokenize(text)
        self.i = 0
        self.vars = variables

    def peek(self):
        return self.toks[self.i]

    def take(self, value=None):
        t = self.toks[self.i]
        if value is not None and t[1] != value:
            raise ParseError("expected %r at column %d in %r" % (value, t[2], self.text))
        self.i += 1
        return t

    def expr(self):
        node = self.term()
        while self.peek()[1] in ("+", "-") and self.peek()[0] == "op":
            op = self.take()[1]
            node = ("add" if op == "+" else "sub", node, self.term())
        return node

    def term(self):
        node = self.unary()
        while self.peek()[1] in ("*", "/") and self.peek()[0] == "op":
            op = self.take()[1]
            node = ("mul" if op == "*" else "div", node, self.unary())
        return node

    def unary(self):
        if self.peek()[0] == "op" and self.peek()[1] == "-":
            self.take()
            return ("neg", self.unary())
        if self.peek()[0] == "op" and self.peek()[1] == "+":
            self.take()
            return self.unary()
        return self.power()

    def power(self):
        base = self.atom()
        if self.peek()[0] == "op" and self.peek()[1] == "^":
            self.take()
            return ("pow", base, self.unary())  # right-assoc, binds tighter than unary minus
        return base

    def atom(self):
        kind, val, col = self.take()
        if kind == "num":
            return ("num", Fraction(val))
        if kind == "id":
            if val in FUNCTIONS:
                self.take("(")
                arg = self.expr()
                self.take(")")
                return ("fn", val, arg)
            if val == "pi":
                return ("pi",)
            if val not in self.vars:
                raise ParseError("unknown name %r at column %d in %r" % (val, col, self.text))
            return ("var", val)
        if kind == "op" and val == "(":
            node = self.expr()
            self.take(")")
            return node
        raise ParseError("unexpected %r at column %d in %r" % (val, col, self.text))


def parse_expr(text, variables):
    p = Parser(text, variables)
    node = p.expr()
    if p.peek()[0] != "end":
        raise ParseError("trailing input at column %d in %r" % (p.peek()[2], text))
    return node


def parse_constraint(text, variables):
    toks = tokenize(text)
    rels = [t for t in toks if t[0] == "rel"]
    if len(rels) != 1:
        raise ParseError("constraint needs exactly one relation: %r" % text)
    col = rels[0][2] - 1
    rel = rels[0][1]
    lhs = parse_expr(text[:col], variables)
    rhs = parse_expr(text[col + len(rel):], variables)
    # closure: strict relations are read as non-strict
    rel = {"<": "<=", ">": ">="}.get(rel, rel)
    return ("sub", lhs, rhs), rel


# ---------------------------------------------------------------------------
# Exact polynomials: dict {exponent tuple: Fraction}
# ---------------------------------------------------------------------------

class NotPolynomial(Exception):
    pass


def p_const(c, n):
    c = Fraction(c)
    return {(0,) * n: c} if c != 0 else {}


def p_var(i, n):
    e = [0] * n
    e[i] = 1
    return {tuple(e): Fraction(1)}


def p_add(a, b, sign=1):
    r = dict(a)
    for k, v in b.items():
        s = r.get(k, 0) + sign * v
        if s == 0:
            r.pop(k, None)
        else:
            r[k] = s
    return r


def p_scale(a, c):
    return {k: v * c for k, v in a.items()} if c != 0 else {}


def p_mul(a, b):
    r = {}
    for ka, va in a.items():
        for kb, vb in b.items():
            k = tuple(x + y for x, y in zip(ka, kb))
            s = r.get(k, 0) + va * vb
            if s == 0:
                r.pop(k, None)
            else:
                r[k] = s
    return r


def p_pow(a, k, n):
    r = p_const(1, n)
    base = a
    while k:
        if k & 1:
            r = p_mul(r, base)
        k >>= 1
        if k:
            base = p_mul(base, base)
    return r


def p_is_const(a):
    return all(sum(k) == 0 for k in a)


def p_const_value(a, n):
    return a.get((0,) * n, Fraction(0))


def p_deriv(a, i):
    r = {}
    for k, v in a.items():
        if k[i]:
            e = list(k)
            e[i] -= 1
            r[tuple(e)] = v * k[i]
    return r


def p_eval(a, point):
    total = Fraction(0)
    for k, v in a.items():
        t = v
        for x, e in zip(point, k):
            if e:
                t *= x ** e
        total += t
    return total


def p_compose(a, subs, n):
    """a(subs[0], ..., subs[n-1])"""
    r = {}
    cache = {}
    for k, v in a.items():
        term = p_const(v, n)
        for i, e in enumerate(k):
            if e:
                key = (i, e)
                if key not in cache:
                    cache[key] = p_pow(subs[i], e, n)
                term = p_mul(term, cache[key])
        r = p_add(r, term)
    return r


def p_degree(a):
    return max((sum(k) for k in a), default=0)


def to_poly(node, vidx):
    n = len(vidx)
    t = node[0]
    if t == "num":
        return p_const(node[1], n)
    if t == "var":
        return p_var(vidx[node[1]], n)
    if t == "neg":
        return p_scale(to_poly(node[1], vidx), -1)
    if t == "add":
        return p_add(to_poly(node[1], vidx), to_poly(node[2], vidx))
    if t == "sub":
        return p_add(to_poly(node[1], vidx), to_poly(node[2], vidx), -1)
    if t == "mul":
        return p_mul(to_poly(node[1], vidx), to_poly(node[2], vidx))
    if t == "div":
        den = to_poly(node[2], vidx)
        if not p_is_const(den) or p_const_value(den, n) == 0:
            raise NotPolynomial("division by a non-constant")
        return p_scale(to_poly(node[1], vidx), 1 / p_const_value(den, n))
    if t == "pow":
        ex = to_poly(node[2], vidx)
        if not p_is_const(ex):
            raise NotPolynomial("variable exponent")
        e = p_const_value(ex, n)
        if e.denominator != 1 or e < 0:
            raise NotPolynomial("non-integer exponent")
        return p_pow(to_poly(node[1], vidx), int(e), n)
    raise NotPolynomial(t)


def try_poly(node, vidx):
    try:
        return to_poly(node, vidx)
    except NotPolynomial:
        return None


# ---------------------------------------------------------------------------
# Symbolic calculus on expression trees (for non-polynomial cases)
# ---------------------------------------------------------------------------

ZERO = ("num", Fraction(0))
ONE = ("num", Fraction(1))


def is_num(a, v=None):
    return a[0] == "num" and (v is None or a[1] == v)


def s_add(a, b):
    if is_num(a, 0):
        return b
    if is_num(b, 0):
        return a
    if is_num(a) and is_num(b):
        return ("num", a[1] + b[1])
    return ("add", a, b)


def s_sub(a, b):
    if is_num(b, 0):
        return a
    if is_num(a) and is_num(b):
        return ("num", a[1] - b[1])
    if is_num(a, 0):
        return s_neg(b)
    return ("sub", a, b)


def s_neg(a):
    if is_num(a):
        return ("num", -a[1])
    if a[0] == "neg":
        return a[1]
    return ("neg", a)


def s_mul(a, b):
    if is_num(a, 0) or is_num(b, 0):
        return ZERO
    if is_num(a, 1):
        return b
    if is_num(b, 1):
        return a
    if is_num(a) and is_num(b):
        return ("num", a[1] * b[1])
    return ("mul", a, b)


def s_div(a, b):
    if is_num(a, 0):
        return ZERO
    if is_num(b, 1):
        return a
    return ("div", a, b)


def s_fn(name, a):
    return ("fn", name, a)


def const_value(node):
    """exact value of a variable-free rational subtree, else None"""
    try:
        p = to_poly(node, {})
    except (NotPolynomial, KeyError):
        return None
    return p_const_value(p, 0)


def diff(node, v):
    t = node[0]
    if t in ("num", "pi"):
        return ZERO
    if t == "var":
        return ONE if node[1] == v else ZERO
    if t == "neg":
        return s_neg(diff(node[1], v))
    if t in ("add", "sub"):
        a, b = diff(node[1], v), diff(node[2], v)
        return s_add(a, b) if t == "add" else s_sub(a, b)
    if t == "mul":
        return s_add(s_mul(diff(node[1], v), node[2]), s_mul(node[1], diff(node[2], v)))
    if t == "div":
        u, w = node[1], node[2]
        du, dw = diff(u, v), diff(w, v)
        if is_num(dw, 0):
            return s_div(du, w)
        return s_div(s_sub(s_mul(du, w), s_mul(u, dw)), ("pow", w, ("num", Fraction(2))))
    if t == "pow":
        base, ex = node[1], node[2]
        e = const_value(ex)
        if e is not None:
            if e == 0:
                return ZERO
            db = diff(base, v)
            if is_num(db, 0):
                return ZERO
            newpow = base if e == 1 else ("pow", base, ("num", e - 1))
            return s_mul(s_mul(("num", e), newpow), db)
        # a^b = exp(b*log(a))
        return diff(("fn", "exp", ("mul", ex, ("fn", "log", base))), v)
    if t == "fn":
        name, u = node[1], node[2]
        du = diff(u, v)
        if is_num(du, 0):
            return ZERO
        if name == "sin":
            g = s_fn("cos", u)
        elif name == "cos":
            g = s_neg(s_fn("sin", u))
        elif name == "tan":
            g = s_add(ONE, ("pow", s_fn("tan", u), ("num", Fraction(2))))
        elif name == "exp":
            g = s_fn("exp", u)
        elif name == "log":
            return s_div(du, u)
        elif name == "sqrt":
            return s_div(du, s_mul(("num", Fraction(2)), s_fn("sqrt", u)))
        elif name == "tanh":
            g = s_sub(ONE, ("pow", s_fn("tanh", u), ("num", Fraction(2))))
        elif name == "atan":
            return s_div(du, s_add(ONE, ("pow", u, ("num", Fraction(2)))))
        elif name == "abs":
            raise ValueError("abs is not differentiable; not supported in certificates")
        else:
            raise ValueError(name)
        return s_mul(g, du)
    raise ValueError(t)


def substitute(node, mapping):
    t = node[0]
    if t == "var":
        return mapping.get(node[1], node)
    if t in ("num", "pi"):
        return node
    if t == "fn":
        return ("fn", node[1], substitute(node[2], mapping))
    if t == "neg":
        return ("neg", substitute(node[1], mapping))
    return (t, substitute(node[1], mapping), substitute(node[2], mapping))


def uses_nonpoly(node):
    return try_poly(node, None) is None


# ---------------------------------------------------------------------------
# Compilation of expression trees to Python closures (interval / float)
# ---------------------------------------------------------------------------

def _compile(node, variables, mode):
    consts = []

    def c(node):
        t = node[0]
        if t == "num":
            consts.append(node[1])
            return "K[%d]" % (len(consts) - 1)
        if t == "pi":
            return "PI"
        if t == "var":
            return "X[%d]" % variables.index(node[1])
        if t == "neg":
            return "(-%s)" % c(node[1])
        if t in ("add", "sub", "mul", "div"):
            op = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[t]
            return "(%s %s %s)" % (c(node[1]), op, c(node[2]))
        if t == "pow":
            e = const_value(node[2])
            if e is not None and e.denominator == 1:
                return "POW(%s, %d)" % (c(node[1]), int(e))
            return "EXP((%s) * LOG(%s))" % (c(node[2]), c(node[1]))
        if t == "fn":
            return "F_%s(%s)" % (node[1], c(node[2]))
        raise ValueError(t)

    src = c(node)
    return src, consts


def iv_from_fraction(q):
    return iv.mpf(q.numerator) / iv.mpf(q.denominator)


def _iv_monotone(fun_point):
    def f(x):
        lo = fun_point(iv.mpf(x.a))
        hi = fun_point(iv.mpf(x.b))
        return iv.mpf([lo.a, hi.b])
    return f


def _iv_tanh_point(p):
    e = iv.exp(2 * p)
    return (e - 1) / (e + 1)


def _iv_atan_point(p):
    # mpmath.iv has no atan: evaluate at higher precision and widen generously
    with mp.workprec(iv.prec + 40):
        v = mp.atan(mp.mpf(p.a))
    w = abs(v) * mpf(2) ** (-(iv.prec - 8)) + mpf(2) ** (-(iv.prec + 20))
    return iv.mpf([v - w, v + w])


def _iv_abs(x):
    if x.a >= 0:
        return x
    if x.b <= 0:
        return -x
    return iv.mpf([0, max(-x.a, x.b)])


def _iv_sqrt(x):
    # sqrt is only defined for arguments >= 0: the enclosure covers the defined part of the box
    # (a certificate whose sqrt argument can be negative has no value there; cases avoid that)
    if x.b < 0:
        raise ValueError("sqrt of a negative interval")
    if x.a < 0:
        x = iv.mpf([0, x.b])
    return iv.sqrt(x)


def _iv_pow(x, k):
    if k < 0:
        return 1 / (x ** (-k))
    return x ** k


def compile_iv(node, variables):
    src, consts = _compile(node, variables, "iv")
    env = {
        "K": None, "PI": None, "POW": _iv_pow, "EXP": iv.exp, "LOG": iv.log,
        "F_sin": iv.sin, "F_cos": iv.cos, "F_tan": iv.tan, "F_exp": iv.exp,
        "F_log": iv.log, "F_sqrt": _iv_sqrt, "F_tanh": _iv_monotone(_iv_tanh_point),
        "F_atan": _iv_monotone(_iv_atan_point), "F_abs": _iv_abs,
    }
    fn = eval("lambda X: " + src, env)

    def run(X):
        env["K"] = [iv_from_fraction(q) for q in consts] if env.get("_prec") != iv.prec else env["K"]
        env["_prec"] = iv.prec
        env["PI"] = iv.pi
        return fn(X)
    return run


def compile_float(node, variables, np=None):
    src, consts = _compile(node, variables, "float")
    if np is not None:
        env = {"K": [float(q) for q in consts], "PI": math.pi,
               "POW": lambda x, k: x ** k, "EXP": np.exp, "LOG": np.log,
               "F_sin": np.sin, "F_cos": np.cos, "F_tan": np.tan, "F_exp": np.exp,
               "F_log": np.log, "F_sqrt": np.sqrt, "F_tanh": np.tanh,
               "F_atan": np.arctan, "F_abs": np.abs}
    else:
        env = {"K": [float(q) for q in consts], "PI": math.pi,
               "POW": lambda x, k: x ** k, "EXP": math.exp, "LOG": math.log,
               "F_sin": math.sin, "F_cos": math.cos, "F_tan": math.tan, "F_exp": math.exp,
               "F_log": math.log, "F_sqrt": math.sqrt, "F_tanh": math.tanh,
               "F_atan": math.atan, "F_abs": abs}
    return eval("lambda X: " + src, env)


# ---------------------------------------------------------------------------
# Cases -> obligations
# ---------------------------------------------------------------------------

class CaseError(Exception):
    pass


class Expr:
    """An expression with both its tree and (if polynomial) its exact polynomial."""

    def __init__(self, node, vidx):
        self.node = node
        self.poly = try_poly(node, vidx)

    @property
    def is_poly(self):
        return self.poly is not None


def region_of_set(s, variables, where):
    """Region tree for a set: ('and', [...]) / ('or', [...]) / ('atom', node, rel) / ('box', var, lo, hi)"""
    if not isinstance(s, dict):
        raise CaseError("%s: a set must be an object" % where)
    extra = set(s) - SET_KEYS
    if extra:
        warn("%s: unknown set keys %s" % (where, sorted(extra)))
    parts = []
    for v, bounds in (s.get("box") or {}).items():
        if v not in variables:
            raise CaseError("%s: box names unknown variable %r" % (where, v))
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise CaseError("%s: box entry for %s must be [lo, hi]" % (where, v))
        lo, hi = json_number(bounds[0]), json_number(bounds[1])
        if lo > hi:
            raise CaseError("%s: box for %s has lo > hi" % (where, v))
        parts.append(("box", v, lo, hi))
    for w in s.get("where") or []:
        node, rel = parse_constraint(w, variables)
        parts.append(("atom", node, rel))
    if "anyOf" in s:
        subs = [region_of_set(x, variables, where + ".anyOf[%d]" % i) for i, x in enumerate(s["anyOf"])]
        parts.append(("or", subs))
    return ("and", parts)


def json_number(x):
    """exact value of a JSON number (files are read with parse_float=Decimal)"""
    if isinstance(x, bool) or not isinstance(x, (int, float, Decimal)):
        raise CaseError("expected a number, got %r" % (x,))
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


class Case:
    def __init__(self, raw, path):
        self.raw = raw
        self.path = path
        self.id = raw.get("id", "?")
        for k in ("id", "variables", "dynamics", "domain", "initial", "unsafe", "certificate"):
            if k not in raw:
                raise CaseError("missing key %r" % k)
        extra = set(raw) - CASE_KEYS
        if extra:
            warn("%s: unknown keys %s" % (self.id, sorted(extra)))
        if not re.fullmatch(r"[A-Za-z0-9._-]+", self.id):
            raise CaseError("bad id %r" % self.id)
        self.vars = list(raw["variables"])
        for v in self.vars:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v) or v in FUNCTIONS or v == "pi":
                raise CaseError("bad variable name %r" % v)
        if len(set(self.vars)) != len(self.vars):
            raise CaseError("duplicate variable names")
        self.n = len(self.vars)
        self.vidx = {v: i for i, v in enumerate(self.vars)}
        self.time = raw.get("time", "continuous")
        if self.time not in ("continuous", "discrete"):
            raise CaseError("bad time %r" % self.time)
        if len(raw["dynamics"]) != self.n:
            raise CaseError("dynamics has %d entries for %d variables" % (len(raw["dynamics"]), self.n))
        self.f = [Expr(parse_expr(e, self.vars), self.vidx) for e in raw["dynamics"]]
        self.B = Expr(parse_expr(raw["certificate"], self.vars), self.vidx)
        dom = raw["domain"]
        if "box" not in dom:
            raise CaseError("domain must contain a box")
        missing = [v for v in self.vars if v not in dom["box"]]
        if missing:
            raise CaseError("domain box does not bound %s" % missing)
        self.box = {v: (json_number(dom["box"][v][0]), json_number(dom["box"][v][1])) for v in self.vars}
        self.R_dom = region_of_set(dom, self.vars, "domain")
        self.R_init = ("and", [self.R_dom, region_of_set(raw["initial"], self.vars, "initial")])
        self.R_unsafe = ("and", [self.R_dom, region_of_set(raw["unsafe"], self.vars, "unsafe")])
        cond = raw.get("condition", {"kind": "standard"})
        self.kind = cond.get("kind", "standard")
        extra = set(cond) - {"kind", "c1", "c2", "lambda"}
        if extra:
            warn("%s: unknown condition keys %s" % (self.id, sorted(extra)))
        if self.kind == "standard":
            pass
        elif self.kind == "levelset":
            self.c1, self.c2 = json_number(cond["c1"]), json_number(cond["c2"])
            if not self.c1 < self.c2:
                raise CaseError("levelset needs c1 < c2")
        elif self.kind == "exponential":
            self.lam = json_number(cond["lambda"])
            if self.time != "continuous":
                raise CaseError("exponential condition is continuous-time only")
        else:
            raise CaseError("unknown condition kind %r" % self.kind)
        self.expected = raw.get("expected")
        self.tags = list(raw.get("tags", []))
        self.polynomial = self.B.is_poly and all(e.is_poly for e in self.f) and \
            all(_region_poly(r, self.vidx) for r in (self.R_init, self.R_unsafe))

    # Ḃ or ΔB -------------------------------------------------------------
    def derivative(self):
        """returns Expr-like (node, poly-or-None)"""
        if self.time == "continuous":
            if self.B.is_poly and all(e.is_poly for e in self.f):
                d = {}
                for i in range(self.n):
                    d = p_add(d, p_mul(p_deriv(self.B.poly, i), self.f[i].poly))
                return None, d
            node = ZERO
            for i, v in enumerate(self.vars):
                node = s_add(node, s_mul(diff(self.B.node, v), self.f[i].node))
            return node, None
        # discrete
        if self.B.is_poly and all(e.is_poly for e in self.f):
            d = p_add(p_compose(self.B.poly, [e.poly for e in self.f], self.n), self.B.poly, -1)
            return None, d
        node = s_sub(substitute(self.B.node, {v: self.f[i].node for i, v in enumerate(self.vars)}), self.B.node)
        return node, None

    def obligations(self):
        """name -> (region, target node, target poly or None, rel): for all x in region: target rel 0"""
        B = self.B
        dnode, dpoly = self.derivative()
        n = self.n
        obs = {}

        def mk(node, poly):
            return node, poly

        if self.kind == "levelset":
            c1p, c2p = p_const(self.c1, n), p_const(self.c2, n)
            t_init = mk(s_sub(B.node, ("num", self.c1)), p_add(B.poly, c1p, -1) if B.is_poly else None)
            t_uns = mk(s_sub(B.node, ("num", self.c2)), p_add(B.poly, c2p, -1) if B.is_poly else None)
            obs["initial"] = (self.R_init,) + t_init + ("<=",)
            obs["unsafe"] = (self.R_unsafe,) + t_uns + (">=",)
            band = ("and", [self.R_dom, ("atom", t_init[0], ">="), ("atom", t_uns[0], "<=")])
            obs["flow"] = (band, dnode, dpoly, "<=")
        else:
            obs["initial"] = (self.R_init, B.node, B.poly, "<=")
            obs["unsafe"] = (self.R_unsafe, B.node, B.poly, ">")
            if self.kind == "exponential":
                lam = self.lam
                if dpoly is not None and B.is_poly:
                    tpoly = p_add(dpoly, p_scale(B.poly, lam), -1)
                    tnode = None
                else:
                    tpoly = None
                    tnode = s_sub(dnode if dnode is not None else poly_to_node(dpoly, self.vars),
                                  s_mul(("num", lam), B.node))
                obs["flow"] = (self.R_dom, tnode, tpoly, "<=")
            else:
                obs["flow"] = (self.R_dom, dnode, dpoly, "<=")
        # fill in missing nodes / polys
        out = {}
        for k, (reg, node, poly, rel) in obs.items():
            if node is None:
                node = poly_to_node(poly, self.vars)
            if poly is None:
                poly = try_poly(node, self.vidx)
            out[k] = (reg, node, poly, rel)
        return out


def _region_poly(r, vidx):
    t = r[0]
    if t == "box":
        return True
    if t == "atom":
        return try_poly(r[1], vidx) is not None
    return all(_region_poly(x, vidx) for x in r[1])


def poly_to_node(poly, variables):
    node = ZERO
    for k, c in sorted(poly.items()):
        term = ("num", c)
        for v, e in zip(variables, k):
            if e:
                term = s_mul(term, ("var", v) if e == 1 else ("pow", ("var", v), ("num", Fraction(e))))
        node = s_add(node, term)
    return node


def region_atoms_poly(r, vidx):
    """region with polynomial atoms: ('and'|'or', [...]) / ('cmp', poly, rel)"""
    t = r[0]
    n = len(vidx)
    if t == "box":
        i = vidx[r[1]]
        return ("and", [("cmp", p_add(p_var(i, n), p_const(r[2], n), -1), ">="),
                        ("cmp", p_add(p_var(i, n), p_const(r[3], n), -1), "<=")])
    if t == "atom":
        return ("cmp", to_poly(r[1], vidx), r[2])
    return (t, [region_atoms_poly(x, vidx) for x in r[1]])


def region_contains_exact(r, vidx, point):
    t = r[0]
    if t == "box":
        x = point[vidx[r[1]]]
        return r[2] <= x <= r[3]
    if t == "atom":
        v = p_eval(to_poly(r[1], vidx), point)
        return v <= 0 if r[2] == "<=" else v >= 0
    if t == "and":
        return all(region_contains_exact(x, vidx, point) for x in r[1])
    return any(region_contains_exact(x, vidx, point) for x in r[1])


def dnf(r):
    """list of branches; each branch = list of leaves ('box'...) / ('atom'...)"""
    t = r[0]
    if t in ("box", "atom"):
        return [[r]]
    if t == "and":
        branches = [[]]
        for x in r[1]:
            sub = dnf(x)
            branches = [b + s for b in branches for s in sub]
        return branches
    out = []
    for x in r[1]:
        out.extend(dnf(x))
    return out


# ---------------------------------------------------------------------------
# SMT-LIB2 / z3
# ---------------------------------------------------------------------------

def smt_num(q):
    q = Fraction(q)
    if q.denominator == 1:
        return str(q.numerator) if q >= 0 else "(- %d)" % -q.numerator
    s = "(/ %d %d)" % (abs(q.numerator), q.denominator)
    return s if q > 0 else "(- %s)" % s


def smt_poly(poly, variables):
    terms = []
    for k, c in sorted(poly.items()):
        fac = []
        for v, e in zip(variables, k):
            fac += [v] * e
        if not fac:
            terms.append(smt_num(c))
        elif c == 1:
            terms.append(fac[0] if len(fac) == 1 else "(* %s)" % " ".join(fac))
        else:
            terms.append("(* %s %s)" % (smt_num(c), " ".join(fac)))
    if not terms:
        return "0"
    return terms[0] if len(terms) == 1 else "(+ %s)" % " ".join(terms)


def smt_region(r, variables):
    t = r[0]
    if t == "cmp":
        return "(%s %s 0)" % (r[2], smt_poly(r[1], variables))
    parts = [smt_region(x, variables) for x in r[1]]
    if not parts:
        return "true" if t == "and" else "false"
    return "(%s %s)" % (t, " ".join(parts))


NEGATE = {"<=": ">", "<": ">=", ">=": "<", ">": "<="}


def smt_negated_obligation(case, region, poly, rel):
    svars = ["v%d" % i for i in range(case.n)]  # neutral names (no clash with SMT keywords)
    lines = ["; case %s" % case.id, "(set-logic QF_NRA)"]
    for i, v in enumerate(svars):
        lo, hi = case.box[case.vars[i]]
        lines.append("(declare-const %s Real) ; %s" % (v, case.vars[i]))
        lines.append("(assert (and (<= %s %s) (<= %s %s)))" % (smt_num(lo), v, v, smt_num(hi)))
    lines.append("(assert %s)" % smt_region(region_atoms_poly(region, case.vidx), svars))
    lines.append("(assert (%s %s 0))" % (NEGATE[rel], smt_poly(poly, svars)))
    lines.append("(check-sat)")
    return "\n".join(lines) + "\n"


def smt_region_query(case, region):
    """satisfiability of a region alone (non-emptiness check)"""
    svars = ["v%d" % i for i in range(case.n)]
    lines = ["; case %s: is the region non-empty?" % case.id, "(set-logic QF_NRA)"]
    for i, v in enumerate(svars):
        lo, hi = case.box[case.vars[i]]
        lines.append("(declare-const %s Real)" % v)
        lines.append("(assert (and (<= %s %s) (<= %s %s)))" % (smt_num(lo), v, v, smt_num(hi)))
    lines.append("(assert %s)" % smt_region(region_atoms_poly(region, case.vidx), svars))
    lines.append("(check-sat)")
    return "\n".join(lines) + "\n"


def z3_binary():
    return os.environ.get("Z3", shutil.which("z3") or "z3")


def run_z3(text, timeout):
    with tempfile.NamedTemporaryFile("w", suffix=".smt2", delete=False) as fh:
        fh.write(text)
        name = fh.name
    try:
        t0 = time.time()
        proc = subprocess.run([z3_binary(), "-T:%d" % timeout, name], capture_output=True,
                              text=True, timeout=timeout + 30)
        out = (proc.stdout.strip().splitlines() or ["(no output) " + proc.stderr.strip()])[0]
        return out.strip(), time.time() - t0
    except subprocess.TimeoutExpired:
        return "timeout", time.time() - t0
    finally:
        os.unlink(name)


_Z3_VERSION = None


def z3_version():
    global _Z3_VERSION
    if _Z3_VERSION is None:
        try:
            out = subprocess.run([z3_binary(), "--version"], capture_output=True, text=True).stdout
            _Z3_VERSION = out.strip()
        except OSError:
            _Z3_VERSION = ""
    return _Z3_VERSION


# ---------------------------------------------------------------------------
# Interval branch and bound (non-polynomial obligations)
# ---------------------------------------------------------------------------

def certainly(rel, x):
    if rel == "<=":
        return x.b <= 0
    if rel == "<":
        return x.b < 0
    if rel == ">=":
        return x.a >= 0
    return x.a > 0


def certainly_not(rel, x):
    if rel == "<=":
        return x.a > 0
    if rel == "<":
        return x.a >= 0
    if rel == ">=":
        return x.b < 0
    return x.b <= 0


def branch_and_bound(case, region, node, rel, max_boxes=400000, time_limit=240):
    """Prove: for all x in region (closure), node(x) rel 0. Returns (ok, message)."""
    iv.prec = 64
    target = compile_iv(node, case.vars)
    total = 0
    t0 = time.time()
    for branch in dnf(region):
        lo = {v: case.box[v][0] for v in case.vars}
        hi = {v: case.box[v][1] for v in case.vars}
        atoms = []
        for leaf in branch:
            if leaf[0] == "box":
                lo[leaf[1]] = max(lo[leaf[1]], leaf[2])
                hi[leaf[1]] = min(hi[leaf[1]], leaf[3])
            else:
                atoms.append((compile_iv(leaf[1], case.vars), leaf[2]))
        if any(lo[v] > hi[v] for v in case.vars):
            continue  # empty branch
        start = [iv.mpf([iv_from_fraction(lo[v]).a, iv_from_fraction(hi[v]).b]) for v in case.vars]
        widths = [max(float(hi[v] - lo[v]), 1e-300) for v in case.vars]
        stack = [start]
        while stack:
            X = stack.pop()
            total += 1
            if total > max_boxes or time.time() - t0 > time_limit:
                return False, "branch and bound gave up after %d boxes" % total
            inside = True
            dead = False
            for g, r in atoms:
                val = g(X)
                if certainly_not(r, val):
                    dead = True
                    break
                if not certainly(r, val):
                    inside = False
            if dead:
                continue
            val = target(X)
            if certainly(rel, val):
                continue
            if inside and certainly_not(rel, val):
                return False, "counterexample box %s" % [(float(x.a), float(x.b)) for x in X]
            # split widest (relative) dimension
            k = max(range(len(X)), key=lambda i: float(X[i].delta) / widths[i])
            if float(X[k].delta) / widths[k] < 1e-9:
                return False, "box too small near %s" % [float(x.mid) for x in X]
            m = X[k].mid
            a, b = list(X), list(X)
            a[k] = iv.mpf([X[k].a, m])
            b[k] = iv.mpf([m, X[k].b])
            stack.append(a)
            stack.append(b)
    return True, "%d boxes" % total


def iv_contains(case, region, X, exact=None):
    """region membership of a point given as intervals X (and exactly as `exact`):
    True (certain), False (certainly not), None (undecided)"""
    t = region[0]
    if t == "box" and exact is not None:
        return region[2] <= exact[case.vidx[region[1]]] <= region[3]
    if t == "box":
        x = X[case.vidx[region[1]]]
        lo, hi = iv_from_fraction(region[2]), iv_from_fraction(region[3])
        if lo.b <= x.a and x.b <= hi.a:
            return True
        if x.b < lo.a or x.a > hi.b:
            return False
        return None
    if t == "atom":
        poly = try_poly(region[1], case.vidx)
        if poly is not None and exact is not None:  # polynomial atoms: decide exactly
            v = p_eval(poly, exact)
            return bool(v <= 0) if region[2] == "<=" else bool(v >= 0)
        val = compile_iv(region[1], case.vars)(X)
        if certainly(region[2], val):
            return True
        if certainly_not(region[2], val):
            return False
        return None
    vals = [iv_contains(case, x, X, exact) for x in region[1]]
    if t == "and":
        if all(v is True for v in vals):
            return True
        if any(v is False for v in vals):
            return False
        return None
    if any(v is True for v in vals):
        return True
    if all(v is False for v in vals):
        return False
    return None


# ---------------------------------------------------------------------------
# Checking one case
# ---------------------------------------------------------------------------

DIM_TAGS = {"%dd" % d for d in range(1, 20)}


def check_tags(case, all_ids):
    problems = []
    tags = set(case.tags)
    dim = "%dd" % case.n
    if dim not in tags:
        problems.append("missing tag %s" % dim)
    if (tags & DIM_TAGS) - {dim}:
        problems.append("wrong dimension tag %s" % sorted((tags & DIM_TAGS) - {dim}))
    if case.time not in tags or ({"continuous", "discrete"} - {case.time}) & tags:
        problems.append("time tag does not match %s" % case.time)
    if case.kind not in tags or ({"standard", "levelset", "exponential"} - {case.kind}) & tags:
        # 'standard' is also the suite tag: only check presence of the own kind
        if case.kind not in tags or ({"levelset", "exponential"} - {case.kind}) & tags:
            problems.append("condition-kind tag does not match %s" % case.kind)
    poly_tag = "polynomial" if case.polynomial and case_dynamics_poly(case) else "nonpolynomial"
    if poly_tag not in tags or ({"polynomial", "nonpolynomial"} - {poly_tag}) & tags:
        problems.append("tag should be %s" % poly_tag)
    if case.expected:
        v = case.expected.get("verdict")
        if v not in tags or ({"valid", "invalid"} - {v}) & tags:
            problems.append("verdict tag does not match %s" % v)
    if not ({"literature", "constructed"} & tags):
        problems.append("needs literature or constructed tag")
    for t in tags:
        if t.startswith("same-as:") and t[8:] not in all_ids:
            problems.append("%s names an unknown case" % t)
    if "rewrite" in tags and not any(t.startswith("same-as:") for t in tags):
        problems.append("rewrite without same-as: tag")
    return problems


def case_dynamics_poly(case):
    return all(e.is_poly for e in case.f) and case.B.is_poly


def fmt_q(q):
    q = Fraction(q)
    return str(q.numerator) if q.denominator == 1 else "%d/%d" % (q.numerator, q.denominator)


def check_witness(case, ob_name, ob, witness):
    region, node, poly, rel = ob
    missing = [v for v in case.vars if v not in witness]
    if missing:
        return False, "witness lacks %s" % missing
    point = [json_number(witness[v]) for v in case.vars]
    if poly is not None and _region_poly(region, case.vidx):
        if not region_contains_exact(region, case.vidx, point):
            return False, "witness is not in the %s region" % ob_name
        val = p_eval(poly, point)
        violated = {"<=": val > 0, "<": val >= 0, ">=": val < 0, ">": val <= 0}[rel]
        if not violated:
            return False, "witness does not violate %s (value %s)" % (ob_name, float(val))
        return True, "witness checked exactly: %s = %s (needs %s 0)" % (
            ob_name, fmt_q(val), rel)
    if not HAVE_MPMATH:
        return False, "mpmath missing: pip install -r Tests/CorpusVerifier/requirements.txt"
    iv.prec = 128
    X = [iv_from_fraction(q) for q in point]
    inside = iv_contains(case, region, X, point)
    if inside is not True:
        return False, "witness not certainly in the %s region (interval check)" % ob_name
    val = compile_iv(node, case.vars)(X)
    if not certainly_not(rel, val):
        return False, "interval value %s does not certainly violate %s 0" % (val, rel)
    return True, "witness checked with 128-bit intervals: %s in [%s, %s] (needs %s 0)" % (
        ob_name, _ivstr(val.a, -1), _ivstr(val.b, 1), rel)


def _ivstr(x, direction):
    """short decimal bound of an interval endpoint, rounded outwards"""
    x = x.a if direction < 0 else x.b
    with mp.workprec(200):
        v = mp.mpf(x)
        q = mp.nstr(v, 8)
        if direction < 0 and mp.mpf(q) > v:
            q = mp.nstr(v - abs(v) * mpf(10) ** -7 - mpf(10) ** -30, 8)
        if direction > 0 and mp.mpf(q) < v:
            q = mp.nstr(v + abs(v) * mpf(10) ** -7 + mpf(10) ** -30, 8)
    return q


def prove(case, ob_name, ob, timeout):
    region, node, poly, rel = ob
    if poly is not None and _region_poly(region, case.vidx):
        res, dt = run_z3(smt_negated_obligation(case, region, poly, rel), timeout)
        if res == "unsat":
            return True, "z3", dt
        return False, "z3 said %s on the negation of %s" % (res, ob_name), dt
    if not HAVE_MPMATH:
        return False, "mpmath missing: pip install -r Tests/CorpusVerifier/requirements.txt", 0
    t0 = time.time()
    ok, msg = branch_and_bound(case, region, node, rel)
    if ok:
        return True, "interval B&B (%s)" % msg, time.time() - t0
    return False, "interval B&B on %s: %s" % (ob_name, msg), time.time() - t0


def check_case(case, opts, originals):
    t0 = time.time()
    exp = case.expected
    if not exp:
        return False, "no expected verdict"
    obs = case.obligations()
    verdict = exp.get("verdict")
    notes = []
    if verdict == "invalid":
        c = exp.get("violates")
        if c not in CONDITIONS:
            return False, "violates must be one of %s" % (CONDITIONS,)
        if "witness" not in exp:
            return False, "invalid case without witness"
        ok, msg = check_witness(case, c, obs[c], exp["witness"])
        if not ok:
            return False, msg
        notes.append(msg)
        # cross-check of the SMT encoding: z3 must find the violation too
        region, node, poly, rel = obs[c]
        if poly is not None and _region_poly(region, case.vidx):
            res, _ = run_z3(smt_negated_obligation(case, region, poly, rel), opts.timeout)
            if res == "unsat":
                return False, "z3 says %s holds, contradicting the witness" % c
            notes.append("z3 finds a violation too (%s)" % res if res == "sat" else "z3: %s" % res)
        if "near-miss" in case.tags:
            for other in CONDITIONS:
                if other == c:
                    continue
                ok2, how, _ = prove(case, other, obs[other], opts.timeout)
                if not ok2:
                    return False, "near-miss: %s should hold but: %s" % (other, how)
            notes.append("other two conditions proved")
    elif verdict == "valid":
        # guard against vacuous proofs: X0 and Xu must meet the domain
        for name in ("initial", "unsafe"):
            region = obs[name][0]
            if _region_poly(region, case.vidx):
                res, _ = run_z3(smt_region_query(case, region), opts.timeout)
                if res != "sat":
                    return False, "%s set within the domain is empty or undecided (z3: %s)" % (name, res)
        tools = []
        for name in CONDITIONS:
            ok, how, dt = prove(case, name, obs[name], opts.timeout)
            if not ok:
                return False, how
            tools.append(how.split(" (")[0])
        summary = {}
        for t in tools:
            summary[t] = summary.get(t, 0) + 1
        notes.append("proved: " + ", ".join("%s x%d" % (k, v) for k, v in summary.items()))
    else:
        return False, "unknown verdict %r" % verdict
    # rewrite consistency
    for t in case.tags:
        if t.startswith("same-as:"):
            orig = originals.get(t[8:])
            if orig is None:
                return False, "%s: original not loaded" % t
            ok, msg = same_problem(case, orig)
            if not ok:
                return False, "rewrite of %s: %s" % (t[8:], msg)
            notes.append("same problem as %s (%s)" % (t[8:], msg))
    return True, "; ".join(notes) + " (%.1f s)" % (time.time() - t0)


def same_problem(a, b):
    if a.vars != b.vars and sorted(a.vars) != sorted(b.vars):
        return False, "variables differ"
    if a.time != b.time or a.kind != b.kind:
        return False, "time or condition differ"
    if (a.expected or {}).get("verdict") != (b.expected or {}).get("verdict"):
        return False, "expected verdicts differ"
    # map b's variable order onto a's
    perm = [b.vidx[v] for v in a.vars]
    if a.B.is_poly and b.B.is_poly and all(e.is_poly for e in a.f + b.f):
        def remap(p):
            return {tuple(k[perm[i]] for i in range(len(perm))): c for k, c in p.items()}
        if a.B.poly != remap(b.B.poly):
            return False, "certificates differ as polynomials"
        for i, v in enumerate(a.vars):
            if a.f[i].poly != remap(b.f[b.vidx[v]].poly):
                return False, "dynamics of %s differ" % v
        how = "certificate and dynamics identical after expansion"
    else:
        rnd = random.Random(1)
        fa = [compile_float(x.node, a.vars) for x in [a.B] + a.f]
        fb = [compile_float(x.node, b.vars) for x in [b.B] + [b.f[b.vidx[v]] for v in a.vars]]
        for _ in range(200):
            pt = [rnd.uniform(float(a.box[v][0]), float(a.box[v][1])) for v in a.vars]
            ptb = [pt[a.vidx[v]] for v in b.vars]
            for ga, gb in zip(fa, fb):
                x, y = ga(pt), gb(ptb)
                if abs(x - y) > 1e-9 * (1 + abs(x)):
                    return False, "expressions differ numerically at %s" % pt
        how = "certificate and dynamics agree at 200 random points"
    if a.box != {v: b.box[v] for v in a.vars}:
        return False, "domain boxes differ"
    return True, how


# ---------------------------------------------------------------------------
# Monte Carlo estimate of the violation fraction (near misses)
# ---------------------------------------------------------------------------

def montecarlo(case, n_points, seed=12345):
    try:
        import numpy as np
    except ImportError:
        return "numpy is needed for --montecarlo"
    exp = case.expected or {}
    c = exp.get("violates")
    if c not in CONDITIONS:
        return "not an invalid case"
    region, node, poly, rel = case.obligations()[c]
    rng = np.random.default_rng(seed)
    branches = dnf(region)
    # hull of branch boxes
    los, his = [], []
    for v in case.vars:
        bl, bh = [], []
        for br in branches:
            lo, hi = case.box[v]
            for leaf in br:
                if leaf[0] == "box" and leaf[1] == v:
                    lo, hi = max(lo, leaf[2]), min(hi, leaf[3])
            bl.append(lo)
            bh.append(hi)
        los.append(float(min(bl)))
        his.append(float(max(bh)))
    los, his = np.array(los), np.array(his)
    tgt = compile_float(node, case.vars, np)

    def member(X, r):
        t = r[0]
        if t == "box":
            x = X[case.vidx[r[1]]]
            return (x >= float(r[2])) & (x <= float(r[3]))
        if t == "atom":
            val = compile_float(r[1], case.vars, np)(X)
            return val <= 0 if r[2] == "<=" else val >= 0
        ms = [member(X, x) for x in r[1]]
        out = ms[0]
        for m in ms[1:]:
            out = (out & m) if t == "and" else (out | m)
        return out

    accepted = 0
    bad = 0
    drawn = 0
    while accepted < n_points and drawn < 200 * n_points:
        m = 200000
        P = los[:, None] + (his - los)[:, None] * rng.random((case.n, m))
        X = [P[i] for i in range(case.n)]
        inside = member(X, region)
        val = tgt(X)
        if np.isscalar(val):
            val = np.full(m, val)
        viol = {"<=": val > 0, "<": val >= 0, ">=": val < 0, ">": val <= 0}[rel]
        take = np.nonzero(inside)[0][: n_points - accepted]
        accepted += len(take)
        bad += int(viol[take].sum())
        drawn += m
    if accepted == 0:
        return "no sample fell into the region"
    frac = bad / accepted
    return "%d of %d uniform points of the %s region violate it (fraction %.2e)" % (
        bad, accepted, c, frac)


# ---------------------------------------------------------------------------
# Loading, table, main
# ---------------------------------------------------------------------------

WARNINGS = []


def warn(msg):
    WARNINGS.append(msg)


def load_corpus(directory):
    files = sorted(glob.glob(os.path.join(directory, "*.json")))
    cases, errors, seen = [], [], {}
    for path in files:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh, parse_float=Decimal)
        rel = os.path.relpath(path, ROOT)
        if data.get("format") != "bcv-corpus/1":
            errors.append("%s: format is not bcv-corpus/1" % rel)
            continue
        for k in set(data) - {"format", "name", "cases"}:
            warn("%s: unknown top-level key %r" % (rel, k))
        for raw in data.get("cases", []):
            cid = raw.get("id", "?")
            if cid in seen:
                errors.append("duplicate id %s in %s and %s" % (cid, seen[cid], rel))
                continue
            seen[cid] = rel
            try:
                cases.append(Case(raw, rel))
            except (CaseError, ParseError, KeyError, ValueError, TypeError) as e:
                errors.append("%s (%s): %s" % (cid, rel, e))
    return cases, errors


def _worker(args):
    idx, directory, opts = args
    cases, _ = load_corpus(directory)
    byid = {c.id: c for c in cases}
    case = cases[idx]
    tag_problems = check_tags(case, set(byid))
    if tag_problems:
        return case.id, False, "tags: " + "; ".join(tag_problems)
    try:
        ok, msg = check_case(case, opts, byid)
    except Exception as e:  # report, never crash the run
        ok, msg = False, "%s: %s" % (type(e).__name__, e)
    return case.id, ok, msg


def describe_expected(case):
    e = case.expected or {}
    if e.get("verdict") == "invalid":
        return "invalid (%s)" % e.get("violates")
    return e.get("verdict", "-")


def kind_text(case):
    if case.kind == "levelset":
        return "levelset (c1=%s, c2=%s)" % (fmt_q(case.c1), fmt_q(case.c2))
    if case.kind == "exponential":
        return "exponential (λ=%s)" % fmt_q(case.lam)
    return "standard"


SUITE_TAGS = ("smoke", "standard")


def write_table(cases):
    n = len(cases)
    inv = sum(1 for c in cases if (c.expected or {}).get("verdict") == "invalid")
    by_tag = {}
    for c in cases:
        for t in c.tags:
            by_tag[t] = by_tag.get(t, 0) + 1
    smoke = sum(1 for c in cases if "smoke" in c.tags)
    std = sum(1 for c in cases if "standard" in c.tags)
    files = sorted({c.path for c in cases})
    sources = sorted({c.raw.get("source", "") for c in cases})
    lines = []
    lines.append("# Reference corpus")
    lines.append("")
    lines.append("<!-- generated by `python3 Tests/CorpusVerifier/verify_corpus.py --table`; do not edit by hand -->")
    lines.append("")
    lines.append("`Suites/corpus/` holds the reference problems of bcv-bench in the `bcv-corpus/1` format "
                 "(see the format contract): dynamical systems, initial and unsafe sets, a candidate barrier "
                 "certificate, the certificate condition to check, and the known verdict. They are taken from "
                 "published work on barrier certificates and safety verification (`source` on each case); "
                 "where a paper's certificate could not be transcribed, a certificate was constructed for the "
                 "published system (tag `constructed`).")
    lines.append("")
    lines.append("%d cases in %d files: %d valid, %d invalid (%.0f%%). Suites: `smoke` = %d cases, "
                 "`standard` = %d cases, extended = all." % (
                     n, len(files), n - inv, inv, 100.0 * inv / max(n, 1), smoke, std))
    lines.append("")
    lines.append("## How the labels are confirmed")
    lines.append("")
    lines.append("Every `expected` label is re-checked by `Tests/CorpusVerifier/verify_corpus.py` "
                 "(`make verify-corpus`), a standalone Python script that shares no code with the project:")
    lines.append("")
    lines.append("- It parses the expression grammar itself (exact rationals for decimals), builds the "
                 "three obligations from the Conditions table (sets intersected with the domain and read as "
                 "closed, Ḃ = ∇B·f by its own symbolic differentiation, ΔB = B(f(x)) − B(x), Ḃ − λB, "
                 "the levelset band c1 ≤ B ≤ c2).")
    lines.append("- **valid**: each obligation is proved. Polynomial obligations are negated, written as "
                 "SMT-LIB2 (QF_NRA) and given to the `z3` binary; `unsat` confirms. Obligations with "
                 "non-polynomial terms are proved by branch and bound with `mpmath.iv` interval arithmetic "
                 "(outward rounding).")
    lines.append("- **invalid**: the witness is checked exactly — in `Fraction` arithmetic for polynomial "
                 "obligations, with 128-bit `mpmath.iv` intervals otherwise: the point lies in the closure "
                 "of the relevant set and the condition fails strictly. For `near-miss` cases the other "
                 "two conditions are also proved, and `--montecarlo 1000000` estimates the fraction of the "
                 "violated condition's region where it fails (recorded in `evidence`).")
    lines.append("- `rewrite` cases (tag `same-as:<id>`) are checked to be the same problem as the original "
                 "(identical polynomials after expansion, or equal values at 200 random points) with the "
                 "same verdict. Tags are checked against the case (dimension, time, kind, verdict, "
                 "polynomial).")
    lines.append("")
    lines.append("Requirements: Python 3, `z3` on the PATH (Debian: `apt-get install z3`), "
                 "`pip install -r Tests/CorpusVerifier/requirements.txt` (mpmath; numpy only for "
                 "`--montecarlo`).")
    lines.append("")
    lines.append("## Counts by tag")
    lines.append("")
    lines.append(", ".join("`%s` %d" % (t, by_tag[t]) for t in sorted(by_tag) if not t.startswith("same-as:")))
    lines.append("")
    lines.append("## Cases")
    lines.append("")
    lines.append("| id | dim | time | condition | expected | tags | source |")
    lines.append("|---|---|---|---|---|---|---|")
    for c in cases:
        tags = " ".join(c.tags)
        src = c.raw.get("source", "").split(": ")[0].replace("|", "\\|")
        lines.append("| `%s` | %d | %s | %s | %s | %s | %s |" % (
            c.id, c.n, c.time, kind_text(c), describe_expected(c), tags, src))
    lines.append("")
    lines.append("## Sources")
    lines.append("")
    lines.append("Full `source` texts of the cases:")
    lines.append("")
    for s in sources:
        lines.append("- " + s)
    lines.append("")
    with open(README, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return README


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=CORPUS_DIR, help="folder of *.json corpus files")
    ap.add_argument("--case", action="append", help="check only this case id (repeatable)")
    ap.add_argument("--jobs", type=int, default=1, help="parallel workers over cases")
    ap.add_argument("--timeout", type=int, default=60, help="z3 timeout per obligation, seconds")
    ap.add_argument("--table", action="store_true", help="(re)generate Suites/README.md and exit")
    ap.add_argument("--montecarlo", type=int, metavar="N",
                    help="estimate violation fractions of near-miss (or --case) cases with N points")
    opts = ap.parse_args(argv)

    if not HAVE_MPMATH:
        print("mpmath is missing: pip install -r Tests/CorpusVerifier/requirements.txt "
              "(needed for non-polynomial cases)", file=sys.stderr)
    if shutil.which(z3_binary()) is None and not os.path.exists(z3_binary()):
        print("z3 binary not found: apt-get install -y z3 (or set Z3=/path/to/z3)", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1

    cases, errors = load_corpus(opts.corpus)
    for w in WARNINGS:
        print("warning: " + w, file=sys.stderr)
    if opts.table:
        print("wrote %s (%d cases)" % (write_table(cases), len(cases)))
        return 0 if not errors else 1
    if opts.montecarlo:
        sel = [c for c in cases if (opts.case and c.id in opts.case) or
               (not opts.case and "near-miss" in c.tags)]
        for c in sel:
            print("%-28s %s" % (c.id, montecarlo(c, opts.montecarlo)), flush=True)
        return 0

    idxs = [i for i, c in enumerate(cases) if not opts.case or c.id in opts.case]
    if opts.case:
        unknown = set(opts.case) - {c.id for c in cases}
        for u in sorted(unknown):
            errors.append("no case with id %s" % u)
    print("# %s; %s; %d cases from %s" % (
        z3_version() or "z3 ?", "mpmath %s" % __import__("mpmath").__version__ if HAVE_MPMATH else "no mpmath",
        len(idxs), os.path.relpath(opts.corpus, os.getcwd())), flush=True)
    passed = failed = 0
    t0 = time.time()
    work = [(i, opts.corpus, opts) for i in idxs]
    if opts.jobs > 1 and len(work) > 1:
        import multiprocessing
        with multiprocessing.Pool(opts.jobs) as pool:
            results = pool.imap(_worker, work)
            for cid, ok, msg in results:
                passed, failed = _report(cid, ok, msg, passed, failed)
    else:
        for w in work:
            cid, ok, msg = _worker(w)
            passed, failed = _report(cid, ok, msg, passed, failed)
    for e in errors:
        print("FAIL %s" % e)
        failed += 1
    print("# total time %.1f s" % (time.time() - t0))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def _report(cid, ok, msg, passed, failed):
    if ok:
        print("ok   %-30s %s" % (cid, msg), flush=True)
        return passed + 1, failed
    print("FAIL %-30s %s" % (cid, msg), flush=True)
    return passed, failed + 1


if __name__ == "__main__":
    sys.exit(main())
