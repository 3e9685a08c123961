#!/usr/bin/env python3
"""Write a Terraform root of N security groups, each referencing the previous one, into DIR.

Usage: bench/make-chain.py DIR [N]

Every group also reads the last of a 200-long chain of locals, so both resource references and
local references are followed N times: a linter that searches the whole configuration for each
reference takes quadratic time here.
"""
import os
import sys


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    os.makedirs(out, exist_ok=True)
    parts = ['resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n']
    parts.append(
        "locals {\n  l0 = \"10.0.0.0/16\"\n"
        + "".join(f"  l{i} = local.l{i - 1}\n" for i in range(1, 200))
        + "}\n"
    )
    for i in range(n):
        prev = f"aws_security_group.s{i - 1}.vpc_id" if i else "aws_vpc.v.id"
        parts.append(
            f'resource "aws_security_group" "s{i}" {{\n'
            f'  name        = "s{i}"\n'
            f'  description = "chain {i}"\n'
            f"  vpc_id      = {prev}\n"
            "  ingress {\n"
            "    from_port   = 443\n"
            "    to_port     = 443\n"
            '    protocol    = "tcp"\n'
            "    cidr_blocks = [local.l199]\n"
            "  }\n"
            "}\n"
        )
    with open(os.path.join(out, "main.tf"), "w") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    main()
