"""The demo plant's equipment: a mineral processing mill with six areas (~200 items)."""

from __future__ import annotations

from dataclasses import dataclass

AREAS = (
    ("100", "Crushing"),
    ("200", "Grinding"),
    ("300", "Flotation"),
    ("400", "Utilities"),
    ("500", "Mobile equipment"),
    ("600", "Tailings and water"),
)
EQUIPMENT_TYPES = (
    ("AREA", "Plant area"),
    ("LINE", "Process line"),
    ("PUMP", "Centrifugal pump"),
    ("SLPUMP", "Slurry pump"),
    ("MOTOR", "Electric motor"),
    ("GEAR", "Gearbox"),
    ("CONV", "Belt conveyor"),
    ("CRUSH", "Crusher"),
    ("MILL", "Grinding mill"),
    ("SCREEN", "Vibrating screen"),
    ("CELL", "Flotation cell"),
    ("COMP", "Air compressor"),
    ("FAN", "Fan or blower"),
    ("TANK", "Tank or sump"),
    ("TRUCK", "Haul truck"),
    ("LOADER", "Wheel loader"),
    ("DOZER", "Dozer"),
    ("LV", "Light vehicle"),
    ("XFMR", "Transformer"),
    ("MCC", "Motor control centre"),
)


@dataclass(frozen=True)
class Unit:
    """A driven machine: the unit itself, plus a motor (and gearbox) beneath it."""

    code: str
    name: str
    type: str
    criticality: str = "B"
    gearbox: bool = False


# area code → (line code, line name, units)
LINES: dict[str, list[tuple[str, str, list[Unit]]]] = {
    "100": [
        (
            "100-L1",
            "Primary crushing line",
            [
                Unit("CR-101", "Primary gyratory crusher", "CRUSH", "A", True),
                Unit("CV-101", "Crusher discharge conveyor", "CONV", "A", True),
                Unit("CV-102", "Stockpile feed conveyor", "CONV", "A", True),
                Unit("FN-101", "Dust collector fan", "FAN", "C"),
                Unit("P-101", "Dust suppression water pump", "PUMP", "C"),
            ],
        ),
        (
            "100-L2",
            "Secondary crushing and screening",
            [
                Unit("CR-111", "Secondary cone crusher", "CRUSH", "A", True),
                Unit("CR-112", "Tertiary cone crusher", "CRUSH", "B", True),
                Unit("SC-111", "Double-deck screen", "SCREEN", "B"),
                Unit("SC-112", "Banana screen", "SCREEN", "B"),
                Unit("CV-111", "Screen feed conveyor", "CONV", "B", True),
                Unit("CV-112", "Screen undersize conveyor", "CONV", "B", True),
            ],
        ),
    ],
    "200": [
        (
            "200-L1",
            "Grinding line 1",
            [
                Unit("ML-201", "SAG mill 1", "MILL", "A", True),
                Unit("ML-202", "Ball mill 1", "MILL", "A", True),
                Unit("P-201", "Cyclone feed pump 1A", "SLPUMP", "A"),
                Unit("P-202", "Cyclone feed pump 1B (standby)", "SLPUMP", "B"),
                Unit("P-203", "Gland water pump 1", "PUMP", "C"),
                Unit("CV-201", "Mill feed conveyor 1", "CONV", "A", True),
            ],
        ),
        (
            "200-L2",
            "Grinding line 2",
            [
                Unit("ML-211", "SAG mill 2", "MILL", "A", True),
                Unit("ML-212", "Ball mill 2", "MILL", "A", True),
                Unit("P-211", "Cyclone feed pump 2A", "SLPUMP", "A"),
                Unit("P-212", "Cyclone feed pump 2B (standby)", "SLPUMP", "B"),
                Unit("P-213", "Gland water pump 2", "PUMP", "C"),
                Unit("CV-211", "Mill feed conveyor 2", "CONV", "A", True),
            ],
        ),
    ],
    "300": [
        (
            "300-L1",
            "Rougher flotation",
            [
                Unit(f"FC-30{i}", f"Rougher flotation cell {i}", "CELL", "B", True)
                for i in range(1, 7)
            ]
            + [
                Unit("P-301", "Rougher concentrate pump", "SLPUMP", "A"),
                Unit("FN-301", "Flotation air blower", "FAN", "A"),
            ],
        ),
        (
            "300-L2",
            "Cleaner flotation and concentrate",
            [
                Unit(f"FC-31{i}", f"Cleaner flotation cell {i}", "CELL", "B", True)
                for i in range(1, 5)
            ]
            + [
                Unit("P-311", "Cleaner tails pump", "SLPUMP", "B"),
                Unit("P-312", "Concentrate thickener underflow pump", "SLPUMP", "A"),
                Unit("TK-311", "Concentrate stock tank", "TANK", "B"),
            ],
        ),
    ],
    "400": [
        (
            "400-L1",
            "Compressed air",
            [
                Unit("CP-401", "Plant air compressor 1", "COMP", "A"),
                Unit("CP-402", "Plant air compressor 2", "COMP", "B"),
                Unit("CP-403", "Instrument air compressor", "COMP", "A"),
            ],
        ),
        (
            "400-L2",
            "Water and power",
            [
                Unit("P-401", "Raw water pump 1", "PUMP", "B"),
                Unit("P-402", "Raw water pump 2", "PUMP", "B"),
                Unit("P-403", "Fire water pump", "PUMP", "A"),
                Unit("P-404", "Process water pump", "PUMP", "A"),
                Unit("TR-401", "Main transformer 33/6.6 kV", "XFMR", "A"),
                Unit("MCC-401", "Utilities MCC", "MCC", "B"),
                Unit("MCC-402", "Grinding MCC", "MCC", "A"),
            ],
        ),
        (
            "400-L3",
            "Ventilation and HVAC",
            [
                Unit(f"FN-40{i}", name, "FAN", "C")
                for i, name in enumerate(
                    [
                        "Workshop supply fan",
                        "Workshop exhaust fan",
                        "Control room AHU fan",
                        "Switchroom cooling fan",
                        "Reagent store exhaust fan",
                        "Lab fume hood fan",
                    ],
                    1,
                )
            ],
        ),
    ],
    "500": [
        (
            "500-HT",
            "Haul trucks",
            [Unit(f"HT-5{i:02d}", f"Haul truck {i}", "TRUCK", "B") for i in range(1, 17)],
        ),
        (
            "500-SE",
            "Support equipment",
            [
                Unit("WL-501", "Wheel loader 1", "LOADER", "B"),
                Unit("WL-502", "Wheel loader 2", "LOADER", "B"),
                Unit("DZ-501", "Track dozer", "DOZER", "C"),
                Unit("LV-501", "Service utility vehicle", "LV", "C"),
                Unit("LV-502", "Lube truck", "LV", "C"),
            ],
        ),
    ],
    "600": [
        (
            "600-L1",
            "Tailings pumping",
            [
                Unit("P-601", "Tailings pump stage 1", "SLPUMP", "A"),
                Unit("P-602", "Tailings pump stage 2", "SLPUMP", "A"),
                Unit("P-603", "Tailings pump stage 3", "SLPUMP", "A"),
                Unit("TK-601", "Tailings sump", "TANK", "B"),
            ],
        ),
        (
            "600-L2",
            "Water reclaim",
            [
                Unit("P-611", "Reclaim barge pump 1", "PUMP", "B"),
                Unit("P-612", "Reclaim barge pump 2", "PUMP", "B"),
                Unit("P-613", "Seepage return pump", "PUMP", "C"),
            ],
        ),
        (
            "600-L3",
            "Water treatment",
            [
                Unit(f"P-62{i}", name, "PUMP", "B")
                for i, name in enumerate(
                    [
                        "Clarifier feed pump",
                        "Lime dosing pump",
                        "Flocculant dosing pump",
                        "Filter backwash pump",
                        "Treated water pump 1",
                        "Treated water pump 2",
                    ],
                    1,
                )
            ],
        ),
    ],
}
