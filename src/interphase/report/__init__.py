"""The report face: a stack analysis as an offline HTML file, a JSON file and PNG figures."""

from interphase.report.write import write_report

__all__ = ["write_report"]
