#!/usr/bin/env python3
"""Adds texts to InvoiceHub's resources in every language at once (docs/TRANSLATING.md):

    scripts/resx.py PortalText PayNow "Pay Now" es="Pagar ahora" nl="Nu betalen"

creates Resources/PortalText.resx and Resources/<code>/PortalText.<code>.resx when they do not exist, and adds or
replaces the key in each. A language left out gets no entry, which the translation tests report.
"""
import os
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "InvoiceHub.Web", "Resources")
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
"""
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def path_of(area, code):
    return os.path.join(ROOT, f"{area}.resx") if code == "en" else os.path.join(ROOT, code, f"{area}.{code}.resx")


def put(path, key, value):
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(HEADER)
    tree = ET.parse(path)
    root = tree.getroot()
    data = next((d for d in root.findall("data") if d.get("name") == key), None)
    if data is None:
        data = ET.SubElement(root, "data", {"name": key, XML_SPACE: "preserve"})
        ET.SubElement(data, "value")
    data.find("value").text = value
    ET.indent(tree, "  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)


def main(args):
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    area, key, english, *others = args
    put(path_of(area, "en"), key, english)
    for other in others:
        code, _, text = other.partition("=")
        put(path_of(area, code), key, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
