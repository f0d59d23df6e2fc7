"""Configurations from NumPy arrays, Fractions, ints and strings; bad inputs raise clear exceptions
and never crash the interpreter."""
import json
from fractions import Fraction

import numpy as np
import pytest

import hardmax


def test_the_input_forms_agree_exactly():
    a = hardmax.Configuration([[1, "1/3"], [Fraction(-1, 2), 0.25]], alpha="1/2")
    b = hardmax.Configuration(np.array([[1.0, 1 / 3], [-0.5, 0.25]]), alpha=0.5)
    assert a.tokens[0][1] == Fraction(1, 3)
    assert b.tokens[0][1] == Fraction(1 / 3)  # the double's exact value, not 1/3
    assert b.tokens[0][1] != Fraction(1, 3)
    assert a.alpha == b.alpha == Fraction(1, 2)
    assert (a.n, a.d) == (2, 2)


def test_numpy_scalars_and_integer_arrays():
    c = hardmax.Configuration(np.array([[1, 2], [3, 4]], dtype=np.int64), alpha=np.float64(0.5),
                              A=np.eye(2, dtype=np.float32))
    assert c.tokens == [[1, 2], [3, 4]] and c.alpha == Fraction(1, 2)


def test_json_round_trip(tmp_path):
    c = hardmax.Configuration([["1/3", 2], [0, -1]], alpha=1, A=[[2, 0], [0, 1]], layers=7, description="demo")
    c.to_json(str(tmp_path / "c.json"))
    back = hardmax.Configuration.from_json(str(tmp_path / "c.json"))
    assert back.tokens == c.tokens and back.A == c.A and back.layers == 7 and back.alpha == 1
    assert json.loads(c.to_json()) == json.loads((tmp_path / "c.json").read_text())
    t = hardmax.simulate(c, 3)
    t.to_json(str(tmp_path / "t.json"))
    assert json.loads((tmp_path / "t.json").read_text()) == json.loads(t.to_json())
    with pytest.raises(OSError, match="no-such-dir"):
        t.to_json(str(tmp_path / "no-such-dir" / "t.json"))


@pytest.mark.parametrize("kwargs,message", [
    (dict(tokens=[[1, 2], [3]], alpha=1), "field 'tokens[1]': has 1 entries, expected 2"),
    (dict(tokens=np.zeros((2, 2, 2)), alpha=1), "field 'tokens[0][0]'"),
    (dict(tokens=[[float("nan"), 1]], alpha=1), "field 'tokens[0][0]': nan is not a real number"),
    (dict(tokens=[[np.inf, 1]], alpha=1), "inf is not a real number"),
    (dict(tokens=[[1, 2]], alpha=0), "field 'alpha': must be positive (> 0), found 0"),
    (dict(tokens=[[1, 2]], alpha=-0.5), "field 'alpha': must be positive"),
    (dict(tokens=[[1, 2]], alpha=1, A=[[1, 2], [2, 1]]), "must be symmetric positive definite (M2)"),
    (dict(tokens=[[1, 2]], alpha=1, A=[[1, 0]]), "field 'A'"),
    (dict(tokens=[[1, True]], alpha=1), "found a boolean"),
    (dict(tokens=[[1, None]], alpha=1), "expected a number"),
    (dict(tokens="1,2", alpha=1), "field 'tokens': expected an array"),
    (dict(tokens=[], alpha=1), "field 'tokens': must not be empty"),
    (dict(tokens=[["1/0", 1]], alpha=1), "field 'tokens[0][0]'"),
])
def test_bad_configurations_raise_value_error(kwargs, message):
    with pytest.raises(ValueError) as caught:
        hardmax.Configuration(**kwargs)
    assert message in str(caught.value)
    assert str(caught.value).startswith("hardmax.Configuration: ")


def test_bad_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"tokens": [[1, 2]], "alpha": "x"}')
    with pytest.raises(ValueError, match="bad.json: field 'alpha'"):
        hardmax.Configuration.from_json(str(bad))
    with pytest.raises(ValueError, match="missing.json"):
        hardmax.Configuration.from_json(str(tmp_path / "missing.json"))


def test_bad_calls():
    c = hardmax.Configuration([[1, 0], [0, 1], [-1, -1]], alpha=1)
    with pytest.raises(hardmax.ResourceLimitError, match="10000000000000000000000000 layers"):
        hardmax.simulate(c, 10**25)
    with pytest.raises(hardmax.ResourceLimitError):
        hardmax.simulate(c, 1000001)
    with pytest.raises(ValueError, match="must be at least 0"):
        hardmax.simulate(c, -1)
    with pytest.raises(ValueError, match="no depth given"):
        hardmax.simulate(c)
    with pytest.raises(ValueError, match="engine"):
        hardmax.simulate(c, 3, engine="float128")
    with pytest.raises(ValueError, match="attention"):
        hardmax.simulate(c, 3, attention="sometimes")
    with pytest.raises(ValueError, match="tie-tolerance"):
        hardmax.simulate(c, 3, engine="exact", tie_tolerance="1/100")
    with pytest.raises(hardmax.ResourceLimitError, match="max-memory"):
        hardmax.simulate(hardmax.Configuration(np.ones((1000, 20)), alpha=1), 100000, engine="double")
    with pytest.raises(ValueError, match="softmax"):
        hardmax.simulate(hardmax.Configuration([[1, 0]], alpha=1, tau="1/10"), 2)
    with pytest.raises(ValueError, match="represented"):
        hardmax.simulate(hardmax.Configuration([["1e400", 0]], alpha=1), 2, engine="double")
    with pytest.raises(TypeError):
        hardmax.simulate("not a configuration", 2)


def test_exact_growth_limit_is_a_resource_error():
    rng = np.random.default_rng(3)
    c = hardmax.Configuration(rng.normal(size=(12, 3)), alpha="1/3")
    with pytest.raises(hardmax.ResourceLimitError, match="max-bits"):
        hardmax.simulate(c, 200, max_bits=64)


def test_batched_bad_inputs():
    with pytest.raises(ValueError, match="batch, n, d"):
        hardmax.batched.simulate(np.zeros((3, 2)), 1.0, 2)
    with pytest.raises(ValueError, match="alpha"):
        hardmax.batched.simulate(np.zeros((1, 3, 2)), 0.0, 2)
    with pytest.raises(ValueError, match="not a real number"):
        hardmax.batched.simulate(np.full((1, 3, 2), np.nan), 1.0, 2)
    with pytest.raises(ValueError, match="symmetric positive definite"):
        hardmax.batched.simulate(np.zeros((1, 3, 2)), 1.0, 2, A=np.array([[1.0, 2.0], [2.0, 1.0]]))
    with pytest.raises(hardmax.ResourceLimitError):
        hardmax.batched.simulate(np.zeros((1, 3, 2)), 1.0, 10**7)
