#!/usr/bin/env python3
"""Turns a peer replay's ban/block/alert CSV (../shared/peers harness) into findings JSON lines,
one per banned address, so `spraytrace eval` scores every tool with the same arithmetic.

usage: bans_to_findings.py TOOL CSV > findings.jsonl   (TOOL: fail2ban | sshguard | crowdsec)
"""
import csv
import datetime
import json
import sys


def iso(epoch):
    return datetime.datetime.fromtimestamp(float(epoch), datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def rows(tool, path):
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if tool == "fail2ban":
                yield row["ip"], row["ban_ts"]
            elif tool == "sshguard":
                if row["action"] == "block" and row["log_ts"]:
                    yield row["ip"].split("/")[0], row["log_ts"]
            elif tool == "crowdsec":
                yield row["ip"], row.get("stopped_at") or "0"


def main():
    tool, path = sys.argv[1], sys.argv[2]
    first = {}
    for ip, ts in rows(tool, path):
        try:
            t = float(ts)
        except ValueError:  # crowdsec: "2026-11-02 10:00:01.5+00:00"-style times
            try:
                t = datetime.datetime.fromisoformat(ts.replace(" ", "T")).timestamp()
            except ValueError:
                t = 0.0
        if ip and (ip not in first or t < first[ip]):
            first[ip] = t
    for ip, t in sorted(first.items(), key=lambda item: (item[1], item[0])):
        print(json.dumps({"@timestamp": iso(t), "rule": {"name": "brute_force", "id": tool},
                          "related": {"ip": [ip], "user": []}, "source": {"ip": ip}}))


if __name__ == "__main__":
    main()
