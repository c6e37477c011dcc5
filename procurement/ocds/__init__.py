"""OCDS 1.1.5: reading packages, compiling releases, mapping to and from projects, writing valid packages."""

VERSION = "1.1"
BID_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"
