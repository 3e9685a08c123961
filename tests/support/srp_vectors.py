#!/usr/bin/env python3
"""Cognito USER_SRP_AUTH test-vector generator built on pycognito's own AWSSRP code.

Run with the interpreter of scripts/with-moto's venv (PETGEN_TEST_MOTO_PYTHON) < in.json.

stdin : one JSON object (or a JSON array of objects -> JSON array out). Every key is
        optional; missing keys take the defaults in DEFAULTS below. Empty stdin == {}.
  pool_id           "eu-west-1_AbCdEfGhI"  (the part after "_" is the SRP "pool name")
  username          USERNAME sent in InitiateAuth AuthParameters
  user_id_for_srp   USER_ID_FOR_SRP from the challenge (default: username)
  challenge_username  ChallengeParameters.USERNAME (default: username); echoed as USERNAME
  password
  client_id
  client_secret     optional; if set, SECRET_HASHes are produced too
  small_a_hex       the client's secret exponent a (hex)
  srp_b_hex         server B (hex). If absent, B = (k*v + g^b) mod N is built from b_hex.
  b_hex             server secret b (hex), used to build B and to cross-check S server-side
  salt_hex          SALT exactly as the server sends it (hex string, used verbatim)
  secret_block_b64  SECRET_BLOCK exactly as the server sends it (decoded with Python's
                    lenient base64.standard_b64decode, which DROPS non-alphabet chars)
  timestamp         used verbatim, e.g. "Thu Dec 3 22:40:00 UTC 2026"
  datetime_utc      alternative to timestamp: "2026-12-03T22:40:00" -> formatted with
                    pycognito's AWSSRP.get_cognito_formatted_timestamp

stdout: JSON object with inputs echoed, intermediate values (hex, lowercase) and
        the ChallengeResponses dict exactly as pycognito.AWSSRP.process_challenge builds it.
"""
import base64
import datetime
import hashlib
import hmac
import json
import sys

from pycognito import aws_srp
from pycognito.aws_srp import (
    AWSSRP,
    G_HEX,
    N_HEX,
    calculate_u,
    compute_hkdf,
    hash_sha256,
    hex_hash,
    hex_to_long,
    long_to_hex,
    pad_hex,
)

DEFAULTS = {
    "pool_id": "eu-west-1_AbCdEfGhI",
    "username": "alice",
    "password": "Passw0rd!",
    "client_id": "3n4b5urk1ft4fl3mg5e62d9ado",
    "client_secret": None,
    "small_a_hex": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "b_hex": "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
    "srp_b_hex": None,
    "salt_hex": "8a1c3f0e5d7b9a2c4e6f8091a3b5c7d9",
    "secret_block_b64": base64.standard_b64encode(bytes(range(48))).decode(),
    "timestamp": "Thu Dec 3 22:40:00 UTC 2026",
    "user_id_for_srp": None,
    "challenge_username": None,
}


class _NoClient:
    """Truthy stand-in so AWSSRP.__init__ does not build a real boto3 client."""


def vector(inp):
    p = dict(DEFAULTS)
    p.update(inp or {})
    if "timestamp" not in (inp or {}) and (inp or {}).get("datetime_utc"):
        dt = datetime.datetime.fromisoformat(p["datetime_utc"])
        p["timestamp"] = AWSSRP.get_cognito_formatted_timestamp(dt)
    user_id_for_srp = p["user_id_for_srp"] or p["username"]
    challenge_username = p["challenge_username"] or p["username"]

    srp = AWSSRP(
        username=p["username"],
        password=p["password"],
        pool_id=p["pool_id"],
        client_id=p["client_id"],
        client=_NoClient(),
        client_secret=p["client_secret"],
    )
    # --- inject the fixed client secret a (pycognito: small_a_value / large_a_value) ---
    srp.small_a_value = hex_to_long(p["small_a_hex"])
    srp.large_a_value = srp.calculate_a()  # A = g^a mod N

    N, g, k = srp.big_n, srp.val_g, srp.val_k
    pool_name = p["pool_id"].split("_")[1]

    # --- x and verifier v (needed to build a valid B) ---
    up_hash = hash_sha256(f"{pool_name}{user_id_for_srp}:{p['password']}".encode("utf-8"))
    x = hex_to_long(hex_hash(pad_hex(p["salt_hex"]) + up_hash))
    v = pow(g, x, N)

    b = hex_to_long(p["b_hex"]) if p.get("b_hex") else None
    if p["srp_b_hex"]:
        srp_b_hex = p["srp_b_hex"]
        B = hex_to_long(srp_b_hex)
    else:
        if b is None:
            raise SystemExit("need srp_b_hex or b_hex")
        B = (k * v + pow(g, b, N)) % N
        srp_b_hex = long_to_hex(B)

    # --- u, S, HKDF, replicated step-by-step from AWSSRP.get_password_authentication_key ---
    u = calculate_u(srp.large_a_value, B)
    S = pow(B - k * v, srp.small_a_value + u * x, N)
    hkdf = compute_hkdf(bytearray.fromhex(pad_hex(S)), bytearray.fromhex(pad_hex(long_to_hex(u))))
    # and the real pycognito function must agree
    hkdf_lib = srp.get_password_authentication_key(user_id_for_srp, p["password"], B, p["salt_hex"])
    assert hkdf == hkdf_lib, "replicated HKDF != pycognito HKDF"

    # optional cross-check: HKDF is plain RFC 5869 HKDF-SHA256(salt=pad_hex(u), ikm=pad_hex(S),
    # info="Caldera Derived Key", L=16)
    try:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        rfc = HKDF(algorithm=hashes.SHA256(), length=16,
                   salt=bytes.fromhex(pad_hex(long_to_hex(u))),
                   info=b"Caldera Derived Key").derive(bytes.fromhex(pad_hex(S)))
        rfc5869_matches = rfc == hkdf
    except ImportError:
        rfc5869_matches = None

    server_S_matches = None
    if b is not None and not p["srp_b_hex"]:
        server_S = pow(srp.large_a_value * pow(v, u, N), b, N)  # server side: (A * v^u)^b
        server_S_matches = server_S == S

    # --- the actual pycognito challenge response, with the timestamp pinned ---
    srp.get_cognito_formatted_timestamp = lambda _dt: p["timestamp"]
    challenge_parameters = {
        "SALT": p["salt_hex"],
        "SRP_B": srp_b_hex,
        "SECRET_BLOCK": p["secret_block_b64"],
        "USER_ID_FOR_SRP": user_id_for_srp,
        "USERNAME": challenge_username,
    }
    auth_params = srp.get_auth_params()
    challenge_responses = srp.process_challenge(challenge_parameters, auth_params)

    secret_block_bytes = base64.standard_b64decode(p["secret_block_b64"])
    msg = (pool_name.encode() + user_id_for_srp.encode() + secret_block_bytes
           + p["timestamp"].encode())
    sig = base64.standard_b64encode(hmac.new(hkdf, msg, hashlib.sha256).digest()).decode()
    assert sig == challenge_responses["PASSWORD_CLAIM_SIGNATURE"], "signature mismatch"

    out = {
        "inputs": {k2: p[k2] for k2 in (
            "pool_id", "username", "user_id_for_srp", "challenge_username", "password",
            "client_id", "client_secret", "small_a_hex", "b_hex", "srp_b_hex", "salt_hex",
            "secret_block_b64", "timestamp")} | {
            "user_id_for_srp": user_id_for_srp, "challenge_username": challenge_username,
            "srp_b_hex": srp_b_hex},
        "pool_name": pool_name,
        "k_hex": long_to_hex(k),
        "SRP_A": auth_params["SRP_A"],                # exactly as sent (long_to_hex(A), unpadded)
        "A_padded_hex": pad_hex(srp.large_a_value),
        "B_padded_hex": pad_hex(B),
        "u_hex": long_to_hex(u),
        "u_padded_hex": pad_hex(long_to_hex(u)),
        "username_password_hash_hex": up_hash,        # sha256(pool_name + user_id_for_srp + ":" + password)
        "salt_padded_hex": pad_hex(p["salt_hex"]),
        "x_hex": long_to_hex(x),
        "v_hex": long_to_hex(v),
        "S_hex": long_to_hex(S),
        "S_padded_hex": pad_hex(S),
        "hkdf_key_hex": hkdf.hex(),
        "hkdf_rfc5869_matches": rfc5869_matches,
        "server_S_matches": server_S_matches,
        "secret_block_bytes_hex": secret_block_bytes.hex(),
        "signed_message_hex": msg.hex(),
        "PASSWORD_CLAIM_SIGNATURE": challenge_responses["PASSWORD_CLAIM_SIGNATURE"],
        "TIMESTAMP": challenge_responses["TIMESTAMP"],
        "auth_parameters": auth_params,               # InitiateAuth AuthParameters
        "challenge_responses": challenge_responses,   # RespondToAuthChallenge ChallengeResponses
    }
    return out


def main():
    raw = sys.stdin.read().strip()
    data = json.loads(raw) if raw else {}
    if isinstance(data, list):
        result = [vector(d) for d in data]
    else:
        result = vector(data)
    json.dump(result, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
