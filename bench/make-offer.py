#!/usr/bin/env python3
"""Write an AWS Price List offer file of N EC2 products (one of them a NAT gateway) to FILE.

Usage: bench/make-offer.py FILE [N]

180,000 products make about 110 MB, the size of a mid-sized real offer; the real EC2 offer of
one region is several GB. `petgen prices import FILE` keeps only the rows it prices, so its
memory should not follow the file's size.
"""
import sys


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 180000
    nat = n // 2
    with open(path, "w") as f:
        f.write('{"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"x",'
                '"publicationDate":"2026-01-01T00:00:00Z","products":{')
        for i in range(n):
            family, usage = ("NAT Gateway", "EU-NatGateway-Hours") if i == nat else (
                "Compute Instance", f"EU-BoxUsage:m5.{i}xlarge")
            f.write(("," if i else "") + f'"SKU{i}":{{"sku":"SKU{i}","productFamily":"{family}",'
                    f'"attributes":{{"regionCode":"eu-west-1","location":"EU (Ireland)",'
                    f'"locationType":"AWS Region","usagetype":"{usage}","operation":"RunInstances",'
                    f'"servicecode":"AmazonEC2","instanceType":"m5.{i}xlarge","tenancy":"Shared"}}}}')
        f.write('},"terms":{"OnDemand":{')
        for i in range(n):
            f.write(("," if i else "") + f'"SKU{i}":{{"SKU{i}.JRTCKXETXF":{{"offerTermCode":"JRTCKXETXF",'
                    f'"sku":"SKU{i}","effectiveDate":"2026-01-01T00:00:00Z","priceDimensions":'
                    f'{{"SKU{i}.JRTCKXETXF.6YS6EN2CT7":{{"rateCode":"x","description":"$0.048 per hour",'
                    f'"beginRange":"0","endRange":"Inf","unit":"Hrs","pricePerUnit":{{"USD":"0.0480000000"}}}}}}}}}}')
        f.write("}}}")


if __name__ == "__main__":
    main()
