"""Electrode transport and thermodynamic parameters (materials/electrodes.py) and the
single-particle contact model (contact/particle.py)."""

from interphase.citations import Citation

SOURCES = [
    Citation(
        key="ramadass2004",
        authors="P. Ramadass, B. Haran, P. M. Gomadam, R. White, B. N. Popov",
        title="Development of First Principles Capacity Fade Model for Li-Ion Cells",
        venue="J. Electrochem. Soc. 151, A196",
        year=2004,
        doi="10.1149/1.1634273",
        note="LiCoO2: OCV fit, Li diffusivity, max. Li concentration, exchange-current constant",
    ),
    Citation(
        key="chen2020",
        authors="C.-H. Chen, F. Brosa Planella, K. O'Regan, D. Gastol, W. D. Widanage, E. Kendrick",
        title="Development of Experimental Techniques for Parameterization of Multi-scale "
        "Lithium-ion Battery Models",
        venue="J. Electrochem. Soc. 167, 080534",
        year=2020,
        doi="10.1149/1945-7111/ab9050",
        note="NCM811 (LG M50): OCV fit, max. Li concentration, exchange-current constant",
    ),
    Citation(
        key="oregan2022",
        authors="K. O'Regan, F. Brosa Planella, W. D. Widanage, E. Kendrick",
        title="Thermal-electrochemical parameters of a high energy lithium-ion cylindrical battery",
        venue="Electrochim. Acta 425, 140700",
        year=2022,
        doi="10.1016/j.electacta.2022.140700",
        note="NCM811 (LG M50): Li diffusivity as a function of Li fraction (GITT fit)",
    ),
    Citation(
        key="prada2013",
        authors="E. Prada, D. Di Domenico, Y. Creff, J. Bernard, V. Sauvant-Moynot, F. Huet",
        title="A Simplified Electrochemical and Thermal Aging Model of LiFePO4-Graphite "
        "Li-ion Batteries: Power and Capacity Fade Simulations",
        venue="J. Electrochem. Soc. 160, A616",
        year=2013,
        doi="10.1149/2.053304jes",
        note="LiFePO4: max. Li concentration, Li diffusivity",
    ),
    Citation(
        key="afshar2017",
        authors="S. Afshar, K. Morris, A. Khajepour",
        title="Efficient electrochemical model for lithium-ion cells",
        venue="arXiv:1709.03970",
        year=2017,
        doi="10.48550/arXiv.1709.03970",
        note="LiFePO4: OCV fit (as used by PyBaMM's Prada2013 set)",
    ),
    Citation(
        key="pron2019",
        authors="V. Giai Pron, D. Versaci, J. Amici, C. Francia, M. Santarelli, S. Bodoardo",
        title="Electrochemical Characterization and Solid Electrolyte Interface Modeling of "
        "LiNi0.5Mn1.5O4-Graphite Cells",
        venue="J. Electrochem. Soc. 166, A2255",
        year=2019,
        doi="10.1149/2.0941910jes",
        note="LiNi0.5Mn1.5O4: measured OCV vs Li fraction (tabulated, sub-sampled)",
    ),
    Citation(
        key="ma2010",
        authors="X. Ma, B. Kang, G. Ceder",
        title="High Rate Micron-Sized Ordered LiNi0.5Mn1.5O4",
        venue="J. Electrochem. Soc. 157, A925",
        year=2010,
        doi="10.1149/1.3439678",
        note="LiNi0.5Mn1.5O4: Li diffusivity 1e-9 to 1e-8 cm2/s (first principles)",
    ),
    Citation(
        key="crank1975",
        authors="J. Crank",
        title="The Mathematics of Diffusion (2nd ed.)",
        venue="Clarendon Press, Oxford",
        year=1975,
        url="https://openlibrary.org/isbn/0198533446",
        note="book (ISBN 0-19-853344-6, no DOI): series solutions for a sphere, used to "
        "validate the particle model",
    ),
]
