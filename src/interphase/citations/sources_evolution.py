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
    Citation(
        key="wenzel2016lgps",
        authors="S. Wenzel, S. Randau, T. Leichtweiss, D. A. Weber, J. Sann, W. G. Zeier, J. Janek",
        title="Direct Observation of the Interfacial Instability of the Fast Ionic Conductor "
        "Li10GeP2S12 at the Lithium Metal Anode",
        venue="Chem. Mater. 28, 2400",
        year=2016,
        doi="10.1021/acs.chemmater.6b00610",
        note="in situ XPS and time-resolved impedance: the Li | LGPS interphase is Li3P, Li2S and "
        "a Li-Ge alloy; its resistance grows as the square root of time",
    ),
    Citation(
        key="koerver2017",
        authors="R. Koerver, I. Aygun, T. Leichtweiss, C. Dietrich, W. Zhang, J. O. Binder, "
        "P. Hartmann, W. G. Zeier, J. Janek",
        title="Capacity Fade in Solid-State Batteries: Interphase Formation and Chemomechanical "
        "Processes in Nickel-Rich Layered Oxide Cathodes and Lithium Thiophosphate Solid "
        "Electrolytes",
        venue="Chem. Mater. 29, 5574",
        year=2017,
        doi="10.1021/acs.chemmater.7b00931",
        note="NCM811 | beta-Li3PS4 | In, 25 C: first cycle 176 / 124 mAh/g, 1-2 % fade per "
        "cycle; the cathode interface resistance rises by ~140 ohm on the first charge, mostly "
        "between 3.2 and 3.4 V vs In (values read from a summary of the paper)",
    ),
    Citation(
        key="jung2019",
        authors="S.-K. Jung, H. Gwon, S.-S. Lee, H. Kim, J. C. Lee, J. G. Chung, S. Y. Park, "
        "Y. Aihara, D. Im",
        title="Understanding the effects of chemical reactions at the cathode-electrolyte "
        "interface in sulfide based all-solid-state batteries",
        venue="J. Mater. Chem. A 7, 22967",
        year=2019,
        doi="10.1039/c9ta08517c",
        note="Ni-rich NCM with argyrodite, bare vs LiNbO3-coated, 25 C: over 40 h at rest the "
        "ionic resistance rises by 389 ohm (bare) vs 21 ohm (coated); first-charge capacity "
        "after 5 days 83 % vs 95 % (values read from a summary of the paper)",
    ),
    Citation(
        key="eckhardt2023",
        authors="J. K. Eckhardt, T. Fuchs, S. Burkhardt, P. J. Klar, J. Janek, C. Heiliger",
        title="Guidelines for Impedance Analysis of Parent Metal Anodes in Solid-State "
        "Batteries and the Role of Current Constriction at Interface Voids, Heterogeneities, "
        "and SEI",
        venue="Adv. Mater. Interfaces 10, 2202354",
        year=2023,
        doi="10.1002/admi.202202354",
        note="Li6.25Al0.25La3Zr2O12: relative permittivity 150, bulk conductivity 0.46 mS/cm "
        "with 0.34 eV, grain boundaries 5.97 uS/cm with 0.43 eV",
    ),
]
