#!/usr/bin/env python3
"""Write N distinct, valid profiles into DIR (for timing `petgen render --all`).

Usage: bench/make-profiles.py DIR [N]

The profiles vary what changes the rendered stack: region and AZ count, NAT layout, flow and
access logs, task size, architecture and autoscaling, table billing, MFA and throttling. Each
has its own project name and state key, so no two share an identity.
"""
import os
import sys

REGIONS = {
    "us-east-1": ["us-east-1a", "us-east-1b", "us-east-1c"],
    "us-west-2": ["us-west-2a", "us-west-2b", "us-west-2c"],
    "eu-west-1": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
}
SIZES = [(256, 512), (512, 1024), (1024, 2048)]


def profile(i):
    region = list(REGIONS)[i % len(REGIONS)]
    azs = REGIONS[region][: 2 + (i // 3) % 2]
    cpu, memory = SIZES[(i // 7) % len(SIZES)]
    scaled = i % 4 == 0
    lines = [
        "[project]",
        f'name = "p{i}"',
        f'environment = "e{i}"',
        f'region = "{region}"',
        "",
        "[network]",
        "availability_zones = [" + ", ".join(f'"{a}"' for a in azs) + "]",
        f'nat_gateways = "{"per_az" if i % 5 == 0 else "single"}"',
        f"flow_logs = {'true' if i % 2 else 'false'}",
        "",
        "[service]",
        f"cpu = {cpu}",
        f"memory = {memory}",
        f'architecture = "{"ARM64" if i % 3 else "X86_64"}"',
        f"min_count = {2 if scaled else 1}",
        f"desired_count = {2 if scaled else 1}",
        f"max_count = {6 if scaled else 1}",
        "",
        "[data]",
        *(
            ['billing_mode = "PROVISIONED"', "read_capacity = 5", "write_capacity = 5"]
            if i % 11 == 0
            else ['billing_mode = "PAY_PER_REQUEST"']
        ),
        "point_in_time_recovery = true",
        "",
        "[api]",
        f"access_logs = {'true' if i % 2 == 0 else 'false'}",
        "",
        "[auth]",
        f'mfa = "{["OFF", "OPTIONAL", "ON"][i % 3]}"',
    ]
    return "\n".join(lines) + "\n"


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, f"p{i:04}.toml"), "w") as f:
            f.write(profile(i))


if __name__ == "__main__":
    main()
