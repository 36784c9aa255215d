#!/usr/bin/env python3
"""Checks the country code tables in geodata/codes/ (see geodata/codes/README.md).

Usage: codes_test.py [REPO_ROOT]   (default: two directories above this script)
Prints every failed check and exits 1 if any failed; the last line is 'N passed, N failed'.
Standard library only.
"""
import csv
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FIPS_CSV = os.path.join(ROOT, "geodata", "codes", "fips10-4-to-iso3166.csv")
GW_CSV = os.path.join(ROOT, "geodata", "codes", "gleditsch-ward-to-iso3166.csv")

# ISO 3166-1 alpha-2 codes assigned today (Debian iso-codes 4.15, which follows the ISO 3166
# Maintenance Agency), plus XK: the user-assigned code for Kosovo that GENC, Eurostat, the ECB and
# the World Bank use. A code outside this set is a typo or a withdrawn code (AN, CS, YU, ...).
ISO_ALPHA2 = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
XK
""".split())

# FIPS 10-4 -> ISO 3166-1 pairs that must hold. '' = the FIPS entity has no ISO 3166-1 entry.
FIPS_KNOWN = {
    # named in the task
    "AF": "AF", "GM": "DE", "RS": "RU", "UP": "UA", "TI": "TJ", "TX": "TM", "UZ": "UZ", "KZ": "KZ",
    "KG": "KG", "IR": "IR", "PK": "PK", "TU": "TR", "UK": "GB", "FR": "FR", "SZ": "CH", "AU": "AT",
    "AS": "AU", "EZ": "CZ", "PG": "",
    # Central Asia, Caucasus, Middle East
    "AJ": "AZ", "AM": "AM", "GG": "GE", "IZ": "IQ", "SY": "SY", "LE": "LB", "JO": "JO", "IS": "IL",
    "WE": "PS", "GZ": "PS", "SA": "SA", "YM": "YE", "MU": "OM", "AE": "AE", "QA": "QA", "BA": "BH",
    "KU": "KW", "EG": "EG",
    # Europe
    "SP": "ES", "PO": "PT", "IT": "IT", "EI": "IE", "DA": "DK", "SW": "SE", "NO": "NO", "FI": "FI",
    "EN": "EE", "LG": "LV", "LH": "LT", "BO": "BY", "MD": "MD", "RO": "RO", "BU": "BG", "GR": "GR",
    "PL": "PL", "LO": "SK", "HU": "HU", "SI": "SI", "HR": "HR", "BK": "BA", "RI": "RS", "MJ": "ME",
    "KV": "XK", "MK": "MK", "AL": "AL", "NL": "NL", "BE": "BE", "LU": "LU", "LS": "LI", "MN": "MC",
    "AN": "AD", "SM": "SM", "VT": "VA", "MT": "MT", "CY": "CY", "IC": "IS",
    # codes that are a different country's code in ISO (the classic mix-ups)
    "GA": "GM", "GB": "GA", "CH": "CN", "CI": "CL", "CD": "TD", "CG": "CD", "CF": "CG", "CN": "KM",
    "BF": "BS", "BG": "BD", "BH": "BZ", "BM": "MM", "BN": "BJ", "BP": "SB", "BX": "BN", "BY": "BI",
    "CS": "CR", "CT": "CF", "DO": "DM", "DR": "DO", "ES": "SV", "GV": "GN", "HO": "HN", "IN": "IN",
    "JA": "JP", "KN": "KP", "KS": "KR", "KR": "KI", "LT": "LS", "LI": "LR", "MA": "MG", "MG": "MN",
    "MO": "MA", "MP": "MU", "NG": "NE", "NI": "NG", "NU": "NI", "NE": "NU", "NS": "SR", "PA": "PY",
    "PM": "PA", "PP": "PG", "PS": "PW", "RP": "PH", "SE": "SC", "SF": "ZA", "SG": "SN", "SN": "SG",
    "SU": "SD", "OD": "SS", "TO": "TG", "TN": "TO", "TS": "TN", "TD": "TT", "TT": "TL", "TK": "TC",
    "TL": "TK", "UV": "BF", "VM": "VN", "WA": "NA", "WI": "EH", "WZ": "SZ", "ZA": "ZM", "ZI": "ZW",
    "AG": "DZ", "AC": "AG", "AV": "AI", "AY": "AQ", "AQ": "AS", "AA": "AW", "CE": "LK", "CB": "KH",
    "EK": "GQ", "PU": "GW", "HA": "HT", "IV": "CI", "MI": "MW", "CQ": "MP", "RM": "MH", "SB": "PM",
    "SC": "KN", "ST": "LC", "TP": "ST", "VI": "VG", "VQ": "VI", "GK": "GG", "GQ": "GU", "UC": "CW",
    "NN": "SX", "RN": "MF", "TB": "BL",
    # territories ISO covers under another entry (per NGA/CIA notes) and entities with no ISO entry
    "FQ": "UM", "WQ": "UM", "BQ": "UM", "JN": "SJ", "AT": "AU", "CR": "AU", "IP": "FR",
    "AX": "", "DX": "", "PF": "", "PJ": "", "BS": "", "EU": "", "GO": "", "JU": "", "TE": "",
    "NT": "", "YI": "", "OS": "", "UF": "", "UU": "", "NM": "",
}

# Gleditsch & Ward number -> ISO 3166-1 pairs that must hold.
GW_KNOWN = {
    # named in the task
    700: "AF", 365: "RU", 2: "US", 200: "GB", 260: "DE", 265: "DE", 702: "TJ", 701: "TM", 704: "UZ",
    705: "KZ", 703: "KG", 630: "IR", 770: "PK", 640: "TR", 369: "UA", 345: "RS", 347: "XK", 678: "YE",
    680: "YE", 816: "VN", 817: "VN", 626: "SS", 625: "SD", 340: "RS", 341: "ME", 531: "ER", 530: "ET",
    221: "MC", 223: "LI", 232: "AD", 331: "SM", 396: "", 397: "",
    # Caucasus, Middle East, South Asia
    371: "AM", 372: "GE", 373: "AZ", 645: "IQ", 652: "SY", 660: "LB", 663: "JO", 666: "IL",
    670: "SA", 690: "KW", 692: "BH", 694: "QA", 696: "AE", 698: "OM", 651: "EG", 750: "IN", 771: "BD",
    710: "CN", 713: "TW", 731: "KP", 732: "KR", 740: "JP", 712: "MN",
    # Europe
    205: "IE", 210: "NL", 211: "BE", 212: "LU", 220: "FR", 225: "CH", 230: "ES", 235: "PT", 290: "PL",
    305: "AT", 310: "HU", 316: "CZ", 317: "SK", 325: "IT", 338: "MT", 339: "AL", 343: "MK", 344: "HR",
    346: "BA", 349: "SI", 350: "GR", 352: "CY", 355: "BG", 359: "MD", 360: "RO", 366: "EE", 367: "LV",
    368: "LT", 370: "BY", 375: "FI", 380: "SE", 385: "NO", 390: "DK", 395: "IS",
    # Africa and elsewhere: numbers whose G&W letter code could mislead (SWZ = Switzerland, etc.)
    572: "SZ", 490: "CD", 484: "CG", 437: "CI", 439: "BF", 565: "NA", 581: "KM", 591: "SC",
    403: "ST", 935: "VU", 970: "KI", 983: "MH", 986: "PW", 987: "FM", 990: "WS", 860: "TL",
    # historical states: one current successor, or none
    255: "DE", 240: "DE", 329: "IT", 511: "TZ", 563: "ZA", 815: "VN",
    89: "", 99: "", 300: "", 315: "", 730: "",
}


class Check:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def __call__(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what)
        return ok


def read_table(check, path, header):
    """Rows of `path` as lists of fields, after checking the header and the field count."""
    if not check(os.path.isfile(path), path + ": missing"):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    check(text.endswith("\n") and "\r" not in text, path + ": lines must end in a single LF, file included")
    lines = text.split("\n")[:-1]
    check(lines[:1] == [header], "%s: header is %r, want %r" % (path, lines[0] if lines else "", header))
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        # Plain CSV: no field is quoted, so a line splits on commas alone.
        check('"' not in line, "%s:%d: quoted field: %r" % (path, n, line))
        fields = next(csv.reader([line]))
        if check(len(fields) == 3, "%s:%d: %d fields, want 3: %r" % (path, n, len(fields), line)):
            rows.append(fields)
    return rows


def check_table(check, path, rows, key_re, known, lo, hi, key_of):
    keys = [r[0] for r in rows]
    for k in sorted({k for k in keys if keys.count(k) > 1}):
        check(False, "%s: duplicate key %s" % (path, k))
    check(not [k for k in keys if keys.count(k) > 1], path + ": keys are unique")
    for key, iso, name in rows:
        check(re.fullmatch(key_re, key) is not None, "%s: bad key %r" % (path, key))
        check(iso == "" or re.fullmatch(r"[A-Z]{2}", iso) is not None,
              "%s: %s: iso_alpha2 %r is neither empty nor two upper-case letters" % (path, key, iso))
        check(iso == "" or iso in ISO_ALPHA2, "%s: %s: %r is not an assigned ISO 3166-1 alpha-2 code" % (path, key, iso))
        check(name.strip() == name and name != "", "%s: %s: empty or padded name %r" % (path, key, name))
    table = {key_of(k): iso for k, iso, _ in rows}
    check(len(known) >= 40, "%s: fewer than 40 known pairs in the test (%d)" % (path, len(known)))
    for k, want in sorted(known.items(), key=lambda kv: str(kv[0])):
        if check(k in table, "%s: %s missing" % (path, k)):
            check(table[k] == want, "%s: %s -> %r, want %r" % (path, k, table[k], want))
    check(lo <= len(rows) <= hi, "%s: %d rows, want %d..%d" % (path, len(rows), lo, hi))
    return table


def main():
    check = Check()

    fips_rows = read_table(check, FIPS_CSV, "fips,iso_alpha2,name")
    fips = check_table(check, FIPS_CSV, fips_rows, r"[A-Z]{2}", FIPS_KNOWN, 250, 300, str)
    # FIPS reuses ISO letters for other countries: a row mapping a code to itself is only right when
    # both standards give that country the same code, and never for these well-known clashes.
    for code in ("GM", "GA", "GB", "AU", "AS", "SZ", "CH", "CI", "CD", "CG", "BF", "BG", "NI", "NG",
                 "SF", "SG", "SN", "TO", "TN", "TS", "TT", "VI", "WA", "ZA", "MG", "MA", "MO", "RS"):
        if code in fips:
            check(fips[code] != code, "%s: FIPS %s mapped to ISO %s, which is another country" % (FIPS_CSV, code, code))
    # No ISO code may be reached from two FIPS codes unless one of them is a territory that ISO
    # covers under another entry; the sovereign states must map one to one.
    states = {k: v for k, v in fips.items() if v and v not in ("UM", "AU", "FR", "SJ", "PS")}
    seen = {}
    for k, v in sorted(states.items()):
        check(v not in seen, "%s: ISO %s reached from both %s and %s" % (FIPS_CSV, v, seen.get(v), k))
        seen[v] = k

    gw_rows = read_table(check, GW_CSV, "gwno,iso_alpha2,name")
    # The Gleditsch & Ward list with its microstates has 225 numbers (202 states, 23 microstates).
    check_table(check, GW_CSV, gw_rows, r"[1-9][0-9]{0,2}", GW_KNOWN, 215, 235, int)
    nums = [int(r[0]) for r in gw_rows if re.fullmatch(r"[0-9]+", r[0])]
    check(nums == sorted(nums), GW_CSV + ": rows are not in gwno order")

    print("%d passed, %d failed" % (check.passed, check.failed))
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
