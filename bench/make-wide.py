#!/usr/bin/env python3
"""Write the two large roots of the hostile-input reproducers into DIR.

Usage: bench/make-wide.py DIR

- DIR/vpc-chain: 10,000 aws_vpc resources, each taking its CIDR from the one before.
- DIR/diamond: the root calls ./m 99 times, and m calls ../leaf 100 times: 9,900 instances of
  one module directory, each with a VPC. A lint rule that asks for "every aws_flow_log" once
  per VPC and visits every module to answer is quadratic here.
"""
import os
import sys


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    out = sys.argv[1]
    parts = ['resource "aws_vpc" "v0" {\n  cidr_block = "10.0.0.0/16"\n}\n']
    for i in range(1, 10000):
        parts.append(f'resource "aws_vpc" "v{i}" {{\n  cidr_block = aws_vpc.v{i - 1}.cidr_block\n}}\n')
    write(f"{out}/vpc-chain/main.tf", "".join(parts))
    write(
        f"{out}/diamond/main.tf",
        "".join(f'module "m{i}" {{\n  source = "./m"\n  x      = "{i}"\n}}\n' for i in range(99)),
    )
    write(
        f"{out}/diamond/m/main.tf",
        'variable "x" {\n  type = string\n}\n'
        + "".join(f'module "l{j}" {{\n  source = "../leaf"\n  x      = var.x\n}}\n' for j in range(100))
        + 'output "o" {\n  value = module.l0.id\n}\n',
    )
    write(
        f"{out}/diamond/leaf/main.tf",
        'variable "x" {\n  type = string\n}\n'
        'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  tags       = { Name = var.x }\n}\n'
        'output "id" {\n  value = aws_vpc.v.id\n}\n',
    )


if __name__ == "__main__":
    main()
