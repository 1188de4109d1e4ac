"""Sources of the chemical-contact engine's definitions and approximations."""

from interphase.citations import Citation

SOURCES = [
    Citation(
        "zhu2016",
        "Y. Zhu, X. He, Y. Mo",
        "First principles study on electrochemical and chemical stability of solid "
        "electrolyte-electrode interfaces in all-solid-state Li-ion batteries",
        "J. Mater. Chem. A 4, 3253",
        2016,
        doi="10.1039/C5TA08574H",
        note="mutual reaction energy: reactants first at their own equilibrium",
    ),
    Citation(
        "leitner2010",
        "J. Leitner, P. Vonka, D. Sedmidubsky, P. Svoboda",
        "Application of Neumann-Kopp rule for the estimation of heat capacity of mixed oxides",
        "Thermochim. Acta 497, 7",
        2010,
        doi="10.1016/j.tca.2009.08.002",
        note="Neumann-Kopp estimate of a mixed compound's thermal functions from its constituents",
    ),
]
