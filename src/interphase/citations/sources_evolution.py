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
    Citation(
        key="haruyama2014",
        authors="J. Haruyama, K. Sodeyama, L. Han, K. Takada, Y. Tateyama",
        title="Space-Charge Layer Effect at Interface between Oxide Cathode and Sulfide "
        "Electrolyte in All-Solid-State Lithium-Ion Battery",
        venue="Chem. Mater. 26, 4248",
        year=2014,
        doi="10.1021/cm5016959",
        note="DFT+U of LiCoO2 | beta-Li3PS4 with and without a LiNbO3 buffer: Li depletion of "
        "the sulfide side, suppressed by the buffer",
    ),
    Citation(
        key="deklerk2018",
        authors="N. J. J. de Klerk, M. Wagemaker",
        title="Space-Charge Layers in All-Solid-State Batteries; Important or Negligible?",
        venue="ACS Appl. Energy Mater. 1, 5609",
        year=2018,
        url="https://pubs.acs.org/journal/aaemcq",
        note="continuum space-charge model of cathode | electrolyte contacts; the journal's "
        "page is given, the DOI could not be verified here",
    ),
    Citation(
        key="peled1979",
        authors="E. Peled",
        title="The Electrochemical Behavior of Alkali and Alkaline Earth Metals in Nonaqueous "
        "Battery Systems - The Solid Electrolyte Interphase Model",
        venue="J. Electrochem. Soc. 126, 2047",
        year=1979,
        doi="10.1149/1.2128859",
        note="the SEI grows until electrons can no longer tunnel through it: its thickness is "
        "set by the electron tunnelling range",
    ),
]
