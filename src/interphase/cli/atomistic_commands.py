"""The mlip-energy command: ML-potential formation energies on the MLIP's own elemental
references (labelled as such).

The other atomistic commands have their own modules: md_commands (md, md-batch),
diffusion_commands (diffusion), bvse_commands (bvse), interface_commands (interface).
Heavy packages (torch, chgnet, ase) are imported only when a command runs.
"""

from __future__ import annotations

import typer

from interphase.cli.common import console, emit_json, table


def register(app: typer.Typer) -> None:
    @app.command("mlip-energy")
    def mlip_energy_cmd(
        structures: list[str] = typer.Argument(..., help="CIF paths or bundled names."),
        potential: str = typer.Option("chgnet", "--potential", help="chgnet or sevennet."),
        no_relax: bool = typer.Option(False, "--no-relax", help="Single point, no relaxation."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """ML-potential formation energies on the MLIP's own elemental references (labelled)."""
        from interphase.atomistic.entries import mlip_formation_energy

        res = [
            mlip_formation_energy(s, potential, relax_structure=not no_relax) for s in structures
        ]
        if json_out:
            emit_json({"entries": [r.to_dict() for r in res]})
            return
        rows = [
            (
                r.formula,
                r.energy_ev_per_atom,
                r.formation_energy_ev_per_atom,
                f"± {r.known_error_ev_per_atom:.3f}",
                r.potential,
                r.label,
            )
            for r in res
        ]
        console.print(
            table(
                "ML-potential formation energies",
                ["formula", "E (eV/atom)", "E_f (eV/atom)", "known error", "potential", "label"],
                rows,
            )
        )
        console.print(res[0].reference_note)
