"""Default failure coding recorded at physical completion: problem, cause and remedy.

Three characteristics in the spec's sense (one field each, mutually exclusive defined
values), with value lists after ISO 14224 (failure mode, failure mechanism, maintenance
activity), shortened for a plant. Loaded for new sites with the spec's tables; each plant
adapts them like any other list. Stored per work order in workorders.WorkOrderCode.
"""

from __future__ import annotations

from wrench.coding.defaults import DefaultCharacteristic, DefaultValue

V = DefaultValue
ISO = "Failure analysis: reported by equipment, cost centre and period"

PROBLEM = DefaultCharacteristic(
    key="problem",
    name="WO – Problem (failure mode)",
    described="The values describe how the failure was observed: the effect by which it was recognised.",
    required="no",
    comments="Record at physical completion (CO). Choose what was observed, not what caused it.",
    values=(
        V(
            "BRD",
            "Breakdown",
            "Serious damage: the item stopped and cannot run (seizure, fracture).",
            ISO,
        ),
        V("FTS", "Fail to start", "Did not start, open, close or respond on demand.", ISO),
        V("SPS", "Spurious stop", "Stopped or tripped unexpectedly while running.", ISO),
        V(
            "ELP",
            "External leakage",
            "Process fluid, lubricant or utility leaking to the outside.",
            ISO,
        ),
        V(
            "INL",
            "Internal leakage",
            "Leakage inside the item, e.g. past a valve seat or between stages.",
            ISO,
        ),
        V("VIB", "Vibration", "Abnormal vibration measured or felt, excluding noise alone.", ISO),
        V("NOI", "Noise", "Abnormal noise without measured abnormal vibration.", ISO),
        V("OHE", "Overheating", "Parts or fluid above their normal temperature.", ISO),
        V(
            "LOO",
            "Low output",
            "Delivers less than required (flow, pressure, capacity, speed).",
            ISO,
        ),
        V(
            "PDE",
            "Parameter deviation",
            "A monitored value outside its limits, not covered above.",
            ISO,
        ),
        V(
            "AIR",
            "Abnormal instrument reading",
            "False or erratic indication, alarm or signal.",
            ISO,
        ),
        V(
            "STD",
            "Structural deficiency",
            "Cracks, corrosion or deformation of structure or casing.",
            ISO,
        ),
        V("PLU", "Plugged or choked", "Flow blocked by deposits, solids or foreign objects.", ISO),
        V("OTH", "Other", "None of the above applies; describe it in the findings.", ISO),
    ),
)

CAUSE = DefaultCharacteristic(
    key="cause",
    name="WO – Cause (failure mechanism)",
    described="The values describe the physical, chemical or other process that led to the failure.",
    required="no",
    comments="Record at physical completion (CO). Choose the mechanism found, not the symptom.",
    values=(
        V("WEAR", "Wear", "Gradual loss of material by rubbing or sliding contact.", ISO),
        V("FATG", "Fatigue", "Cracking or fracture from repeated loading.", ISO),
        V("CORR", "Corrosion", "Chemical or electrochemical attack of the material.", ISO),
        V(
            "EROS",
            "Erosion",
            "Material removed by flowing fluid or solids, including cavitation.",
            ISO,
        ),
        V("OVLD", "Overload", "Broken or deformed by a load above the design load.", ISO),
        V("LOOS", "Looseness", "Fasteners, fits or connections came loose.", ISO),
        V("MISA", "Misalignment", "Clearance or alignment out of tolerance.", ISO),
        V("LUBR", "Lubrication", "Too little, too much, wrong or contaminated lubricant.", ISO),
        V("CONT", "Contamination", "Dirt, water or foreign matter in the item or its fluid.", ISO),
        V(
            "ELEC",
            "Electrical fault",
            "Short circuit, open circuit, earth fault or wrong supply.",
            ISO,
        ),
        V(
            "INST",
            "Instrument or control fault",
            "Wrong signal, setting, calibration or software.",
            ISO,
        ),
        V("OPER", "Operating error", "Operated outside its limits or against procedure.", ISO),
        V("MAIN", "Maintenance error", "Assembled, adjusted or repaired incorrectly.", ISO),
        V("UNKN", "Unknown", "No mechanism could be established.", ISO),
    ),
)

REMEDY = DefaultCharacteristic(
    key="remedy",
    name="WO – Remedy (maintenance activity)",
    described="The values describe what was done to restore the item.",
    required="no",
    comments="Record at physical completion (CO). Choose the main activity.",
    values=(
        V("REPL", "Replace", "The failed item or component replaced by a new or rebuilt one.", ISO),
        V("REPR", "Repair", "Restored in place by manual work, without replacing the item.", ISO),
        V(
            "ADJ",
            "Adjust",
            "Brought back within tolerance: alignment, clearance, setting, calibration.",
            ISO,
        ),
        V("REFT", "Refit", "Reassembled or reinstalled after removal, with minor parts.", ISO),
        V("MOD", "Modify", "Changed in design or material to prevent recurrence.", ISO),
        V("SERV", "Service", "Cleaned, lubricated, topped up or otherwise serviced only.", ISO),
        V("OVH", "Overhaul", "Complete dismantling and restoration to as-new condition.", ISO),
        V("NONE", "No action", "Nothing found or nothing needed after checking.", ISO),
    ),
)

FAILURE_CODING: tuple[DefaultCharacteristic, ...] = (PROBLEM, CAUSE, REMEDY)
# The keys of the failure coding, recorded with the move to CO.
FAILURE_KEYS: tuple[str, ...] = tuple(c.key for c in FAILURE_CODING)
