"""Compare checkov's failed checks with petgen's waived findings (see scripts/checkov-parity)."""
import json
import re
import sys

# checkov names each instance of a for_each or count resource (`aws_x.y["key"]`, `aws_x.y[0]`);
# petgen reports, and waives, the resource block. Compare blocks.
INSTANCE_KEY = re.compile(r'\[[^\]]*\]$')


def main(checkov_path, petgen_path, profile="prod"):
    with open(checkov_path) as f:
        checkov = json.load(f)
    with open(petgen_path) as f:
        petgen = json.load(f)
    reports = checkov if isinstance(checkov, list) else [checkov]
    failed, parse_errors = set(), 0
    for r in reports:
        if "results" not in r:
            continue
        parse_errors += r["summary"].get("parsing_errors", 0)
        for c in r["results"]["failed_checks"]:
            failed.add((c["check_id"], INSTANCE_KEY.sub("", c["resource"])))
    if parse_errors:
        print(f"checkov could not parse {parse_errors} file(s)")
        return 1
    waived = {}
    for f in petgen["suppressed"]:
        if f["suppressed"].endswith("(inline)"):
            continue
        waived[(f["rule"], f["address"])] = set(f["checkov"])
    problems = []
    for check_id, resource in sorted(failed):
        if not any(address == resource and check_id in ids for (_, address), ids in waived.items()):
            problems.append(f"checkov fails {check_id} on {resource}, which no {profile} waiver covers")
    for (rule, address), ids in sorted(waived.items()):
        if ids and not any(resource == address and check_id in ids for check_id, resource in failed):
            problems.append(f"waiver {rule} on {address} maps to {sorted(ids)}, which checkov does not fail")
    unwaived = [f for f in petgen["findings"] if f["severity"] in ("error", "warning")]
    for f in unwaived:
        problems.append(f"petgen finding not waived: {f['rule']} {f['address']}")
    print(f"checkov failed {len(failed)} check(s); {profile} waives {len(waived)} finding(s)")
    for check_id, resource in sorted(failed):
        print(f"  {check_id:<12} {resource}")
    if problems:
        print("parity check FAILED:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"parity check passed: checkov's failures are exactly the {profile} waivers")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
