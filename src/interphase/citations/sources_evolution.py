"""Sources of the evolution engine (interphase.evolution)."""

from interphase.citations import Citation

SOURCES = [
    Citation(
        key="wagner1933",
        authors="C. Wagner",
        title="Beitrag zur Theorie des Anlaufvorgangs",
        venue="Z. Phys. Chem. B 21, 25",
        year=1933,
        url="https://www.degruyter.com/journal/key/zpch/html",
        note="parabolic growth of a tarnish layer limited by the ambipolar transport of ions "
        "and electrons through it; the journal's archive is given, the DOI could not be "
        "verified here",
    ),
]
