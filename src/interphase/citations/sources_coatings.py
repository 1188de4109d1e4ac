"""Sources of the coating screening: practicality tables (abundance, toxicity)."""

from interphase.citations import Citation

SOURCES = [
    Citation(
        "haynes2016",
        "W. M. Haynes (ed.)",
        "CRC Handbook of Chemistry and Physics, 97th edition: Abundance of Elements in the "
        "Earth's Crust and in the Sea",
        "CRC Press, Boca Raton",
        2016,
        doi="10.1201/9781315380476",
        note="crustal abundance (mg/kg) used as the supply/cost proxy of coating elements",
    ),
    Citation(
        "iarc2012",
        "IARC Working Group on the Evaluation of Carcinogenic Risks to Humans",
        "Arsenic, Metals, Fibres, and Dusts (IARC Monographs Volume 100C)",
        "International Agency for Research on Cancer, Lyon",
        2012,
        url="https://publications.iarc.who.int/120",
        note="Group 1: As, Be, Cd, Cr(VI) and Ni compounds (toxicity flags)",
    ),
    Citation(
        "who2010",
        "World Health Organization",
        "Ten chemicals of major public health concern",
        "WHO, Geneva",
        2010,
        url="https://www.who.int/publications/i/item/WHO-CED-PHE-EPE-19.4.1",
        note="As, Cd, Pb, Hg among the ten (toxicity flags)",
    ),
]
