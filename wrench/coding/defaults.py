"""The spec's default work order coding (seeds/003, "Work Order Coding"), loaded for every new site.

Texts are the spec's, verbatim (abbreviations, values, definitions, process effects, comments,
curly quotes included). Only obvious extraction glitches are fixed (a missing space or sentence
break where two lines/sentences of the spec ran together). Where the spec gives "Used for filtering
and sorting work order lists and reports" once for a whole table, it is the process_effect of every
value of that table that has no effect of its own.

Not here: WO – Status (a fixed enum elsewhere) and WO – Resources (TRADES and CREWS below).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DefaultValue:
    abbreviation: str
    value: str
    definition: str
    process_effect: str = ""
    effect_keys: tuple[str, ...] = field(default=())
    parent: str = ""  # abbreviation of the parent value (expanded lists)
    is_default: bool = False  # pre-selected on a new work order


@dataclass(frozen=True)
class DefaultCharacteristic:
    # field name on the work order / in the API: urgency, timing, reason, action, funding,
    # initiated_by
    key: str
    name: str  # e.g. "WO – Urgency"
    # the "Work order characteristic described by this field: ..." sentence (text after the colon)
    described: str
    required: str  # "on_request" | "before_approval" | "no"
    comments: str
    values: tuple[DefaultValue, ...]


FILTERING = "Used for filtering and sorting work order lists and reports"

URGENCY = DefaultCharacteristic(
    key="urgency",
    name="WO – Urgency",
    described=(
        "The values assigned define the priority or urgency of the work, normally based on the "
        "probability of a breakdown (or accident or environmental incident, etc) in a defined "
        "time period and its consequences."
    ),
    required="on_request",
    comments=(
        "Do not use the “emergency” or “urgent” codes unless there is a business process, with "
        "clear responsibilities, to follow-up and take action to reduce emergencies and urgent "
        "work orders. Do not use the “emergency” code if better control information can be "
        "obtained from the production loss tracking system."
    ),
    values=(
        DefaultValue(
            abbreviation="E",
            value="Emergency",
            definition=(
                "Work which must be started immediately (any time of the day or night), usually "
                "because of a breakdown."
            ),
            process_effect=(
                "The approval process is by-passed. A filtered report of all “emergency” work "
                "orders should be sent daily to maintenance supervisors, superintendents and the "
                "maintenance manager."
            ),
            effect_keys=("bypass_approval", "emergency_report"),
        ),
        DefaultValue(
            abbreviation="U",
            value="Urgent",
            definition=(
                "Work which need not start immediately, but which is identified after the "
                "schedule cut-off time and is important enough to break in to the current "
                "schedule. Any non-shutdown work which is required within one week is usually in "
                "this category. Urgent work plus emergency work is sometimes called “break-in” "
                "work. NOTE – an exception here is for those small jobs that do not justify a work "
                "order. See “Small job management” for details."
            ),
            process_effect=(
                "“Urgent” work should be challenged. The number of “urgent” jobs and the hours "
                "worked against them may be important KPI’s and should be reported weekly and "
                "reviewed at the weekly scheduling meeting, with action plans generated to reduce "
                "urgent work."
            ),
            effect_keys=("urgent_kpi",),
        ),
        DefaultValue(
            abbreviation="#",
            value="Priority rating",
            definition=(
                "The priority number could be calculated using a tool such as a priority matrix. "
                "More practically, it will be based on the time frame in which the work should be "
                "executed, usually a subjective assessment by knowledgeable and responsible "
                "people. Priority ratings should be in a field by which the backlog can be easily "
                "sorted (see “Setting Priorities“). For a practical priority setting/backlog "
                "management process, see our scheduling videos."
            ),
        ),
    ),
)

TIMING = DefaultCharacteristic(
    key="timing",
    name="WO – Timing",
    described=(
        "The values are assigned to different limitations which are placed on the timing of the "
        "execution of the work."
    ),
    required="before_approval",
    comments=(
        "– The restrictions on scheduling work have nothing to do with its priority or "
        "importance.\n"
        "– There may be other possible options. For example, where parts of an operation are not "
        "required to produce certain products, or where maintenance opportunities are created by "
        "product changes, there may be a “value” to describe this scheduling restriction.\n"
        "Another possible value may be “must be at full load”, e.g. for infrared inspection of "
        "electrical systems"
    ),
    values=(
        DefaultValue(
            abbreviation="R",
            value="“Run” or “Non Shutdown”",
            definition=(
                "Any work which can be performed with the plant operating. It includes work on "
                "individual items of equipment which can be shut down for maintenance without "
                "affecting plant operation. Excludes “Must run” (see below)."
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="A",
            value="“Area shutdown”",
            definition=(
                "Work which requires one area of the plant to be shut down for maintenance access"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="M",
            value="“Major shutdown” or “Shutdown”",
            definition=(
                "Work which requires two or more parallel processing operations to be shut down "
                "for maintenance access OR requires one process line to be shut down for an "
                "extended time, such as an annual outage. It excludes a total plant outage (see "
                "“T” below)."
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="P",
            value="“Shut preparation”",
            definition="Work required to prepare for any shutdown",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="T",
            value="“Total outage”",
            definition=("Work which requires the entire plant shut down for maintenance access"),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="U",
            value="“Must run”",
            definition=(
                "Work which can only be done while the equipment is running, e.g. vibration "
                "analysis"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="D",
            value="Deadline",
            definition=(
                "Has a completion date which must be met to comply with regulatory requirements "
                "or because of a scheduled event for which it is necessary. NOTE – there are few "
                "such maintenance jobs. An “event” does not include a scheduled shutdown, for "
                "which the values A, M or T should be used."
            ),
            process_effect=FILTERING,
        ),
    ),
)

REASON = DefaultCharacteristic(
    key="reason",
    name="WO – Reason",
    described="The values assigned describe the reason for the work to be done",
    required="before_approval",
    comments=(
        "1. More than one reason code may apply, e.g. some work to comply with environmental "
        "regulations may also improve safety. Clear directions on the selection of just one value "
        "should be documented (e.g. “select the value that describes the primary purpose of the "
        "work”).\n"
        "2. Each value must be clearly defined to avoid confusion, e.g. a “safety” work order may "
        "be defined as “Work which is intended to reduce accidents where no practical alternative "
        "exists or the work which results from a formal accident investigation”\n"
        "3. Use this field with caution. It is not uncommon for plants to record several values "
        "for work “reason” and to never use this information to create value."
    ),
    values=(
        DefaultValue(
            abbreviation="CA",
            value="Capacity",
            definition="Work which will increase the operating rate of any process equipment",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="CO",
            value="Community relations",
            definition=(
                "Any work which has the purpose of improving community relations (e.g. "
                "landscaping, noise reduction, etc)"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="CR",
            value="Customer or investor relations",
            definition=(
                "Work required to build favorable relationships with customers or investors"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="EN",
            value="Environment",
            definition="Work required to remain in compliance with environmental regulations",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="ER",
            value="Employee relations",
            definition="Work intended to improve working conditions",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="LE",
            value="Legal requirement",
            definition=(
                "Work that is required to remain in compliance with all regulations, except "
                "environmental"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="OP",
            value="Operations",
            definition=(
                "Work that is required to ensure that equipment continues to do what it was "
                "designed to do. Most maintenance will be covered by this value"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="QU",
            value="Quality",
            definition="Work required to improve or maintain product quality",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="RI",
            value="Reliability",
            definition="Work intended to improve plant reliability",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="SA",
            value="Safety",
            definition="Work intended to maintain or improve employee safety",
            process_effect=FILTERING,
        ),
    ),
)

ACTION = DefaultCharacteristic(
    key="action",
    name="WO – Action",
    described=(
        "The values assigned define the type of action that a craftsperson will take when "
        "executing the work described on the work order."
    ),
    required="before_approval",
    comments=(
        "1. This is a short list. IF IT IS OF VALUE these lists can be expanded, with each item "
        "in italics in the above definitions as a separate value. Each value must be clearly "
        "defined, as in the examples below. Note that exceptions must be described.\n"
        "2. Note that “documented service” may duplicate some of the other listed activities. If "
        "that is the case, the definition of the other activities should specifically exclude "
        "all activities covered under documented servicing.\n"
        "3. The amount of “improvement” work is important to some operations. Some work orders "
        "may cover a combination of “improvement” and “repair”, e.g. replacing part of a "
        "corroded and leaking galvanized iron pipe with a stainless steel pipe. If of value, a "
        "separate field to record the “% improvement” may be of use or the procedure could be to "
        "select “repair” or “improvement” based on which component of the work has the higher "
        "cost. Improvements to process and other equipment may also be subject to control "
        "through a “management of change” procedure, which is outside the scope of this "
        "article.\n"
        "Expanded list: IN Inspections – All work required to assess the condition of "
        "equipment, except vibration analysis, thermography and NDT"
    ),
    values=(
        DefaultValue(
            abbreviation="IN",
            value="Inspection",
            definition=(
                "All work required to assess the condition of the equipment. Includes vibration "
                "analysis, non-destructive testing, look-listen-touch-smell inspections, etc"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="SE",
            value="Service",
            definition=(
                "All preventive maintenance work that will extend the life of the equipment, such "
                "as lubrication, cleaning, adjusting, balancing, aligning, calibrating, "
                "winterizing, cycling or other care of standby or stored equipment, etc. This "
                "also includes “documented service” (e.g. hours-based servicing of mobile "
                "equipment) which may include a combination of inspection, lubrication, "
                "topping-up, cleaning and other activities."
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="RE",
            value="Repair",
            definition="All work that is required to correct a found defect or failure",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="RB",
            value="Rebuild",
            definition=(
                "Work required to return a complete item of equipment or a repairable component "
                "to “as-new” condition"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="IM",
            value="Improvement",
            definition=(
                "Physical changes to equipment to improve operating capacity or performance, "
                "reliability, safety or environmental performance"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="NM",
            value="Non-maintenance",
            definition=(
                "Meetings, administrative and other activities which do not involve the "
                "performance of maintenance work"
            ),
            process_effect=FILTERING,
        ),
        # "Example of items in an expanded value list" (children of IN)
        DefaultValue(
            abbreviation="VA",
            value="Vibration analysis",
            definition=(
                "All work required to gather and analyze vibration levels of rotating equipment"
            ),
            process_effect=FILTERING,
            parent="IN",
        ),
        DefaultValue(
            abbreviation="TH",
            value="Thermography",
            definition="Infra-red inspection of equipment",
            process_effect=FILTERING,
            parent="IN",
        ),
        DefaultValue(
            abbreviation="NT",
            value="Non-destructive testing (NDT)",
            definition=(
                "All work to assess the condition of equipment using non-destructive testing "
                "machines or techniques such as ultrasonics, dye-penetrants and eddy-current "
                "testing, but excluding vibration analysis and thermography"
            ),
            process_effect=FILTERING,
            parent="IN",
        ),
    ),
)

PROJECT_NUMBER = (
    "Requires the ability to over-ride the work order account code, often using a project number"
)

FUNDING = DefaultCharacteristic(
    key="funding",
    name="WO – Funding",
    described=(
        "The values assigned identify the general account category to which the cost of the work "
        "will be charged"
    ),
    required="on_request",
    comments="",
    values=(
        DefaultValue(
            abbreviation="R",
            value="Routine expense",
            definition="Used for general maintenance work.",
            process_effect="Usually set as a default in the work order system",
            is_default=True,
        ),
        DefaultValue(
            abbreviation="M",
            value="Major maintenance",
            definition=(
                "This may be required if the plant has special budget provisions or uses a more "
                "sophisticated project management process for maintenance work over a certain "
                "dollar value."
            ),
            process_effect=PROJECT_NUMBER,
            effect_keys=("require_project_number",),
        ),
        DefaultValue(
            abbreviation="C",
            value="Capital",
            definition="For capital projects and capital purchases",
            process_effect=PROJECT_NUMBER,
            effect_keys=("require_project_number",),
        ),
        DefaultValue(
            abbreviation="W",
            value="Warranty",
            definition="All work covered by a warranty",
            process_effect=(
                "The maintenance computer system should have the functionality to track "
                "warranties and to “flag” equipment with current warranties whenever a new work "
                "order against that equipment is opened"
            ),
            effect_keys=("flag_warranty",),
        ),
        DefaultValue(
            abbreviation="I",
            value="Inventory",
            definition="Work which is charged to the Storeroom inventory account",
            process_effect=(
                "The maintenance computer system must have the functionality to comply with the "
                "plant’s accounting procedures"
            ),
        ),
        DefaultValue(
            abbreviation="D",
            value="Disposal",
            definition=(
                "The cost of expensing items removed from Storeroom inventory for disposal or sale"
            ),
            process_effect=(
                "This should be separate from the Maintenance budget, in order to encourage "
                "Maintenance to properly dispose of surplus and obsolete stock"
            ),
        ),
    ),
)

INITIATED_BY = DefaultCharacteristic(
    key="initiated_by",
    name="WO – How Initiated (“ID by”)",
    described=(
        "The values assigned record the person, skill or position that identified the need for "
        "the work and initiated the request for work"
    ),
    required="on_request",
    comments=(
        "This field may be important during the implementation of a reliability or vibration "
        "analysis program to assess the value of the spending on components of the inspection "
        "process. Because the same failure may be identified by different inspectors, reports "
        "using this data should include, and be sorted by, the work request date so that the "
        "first “inspector” to detect the failure is identified."
    ),
    values=(
        DefaultValue(
            abbreviation="B",
            value="Business",
            definition="Initiated by management as a business improvement opportunity",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="E",
            value="Engineering",
            definition="Initiated in a capital plan or other improvement program",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="H",
            value="Hours",
            definition=(
                "Generated by the computer because of the operating hours since the last "
                "inspection (e.g. for mobile equipment)"
            ),
            process_effect=FILTERING,
            effect_keys=("generated_by_system",),
        ),
        DefaultValue(
            abbreviation="I",
            value="Investigation",
            definition=(
                "Initiated at a formal investigation (accident investigation, root cause problem "
                "analysis investigation, etc)"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="L",
            value="Lubrication inspection",
            definition="Initiated by lubrication mechanics",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="M",
            value="Maintenance inspection",
            definition=(
                "Initiated as the result of a formal, scheduled maintenance inspection excluding "
                "vibration and NDT"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="N",
            value="NDT",
            definition=(
                "Initiated as the result of any non-destructive test, excluding vibration analysis"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="O",
            value="Operations inspection",
            definition="Initiated as the result of a formal, scheduled operator inspection",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="S",
            value="Shift log book",
            definition=(
                "Initiated by shift mechanics and recorded in a shift log book (or a computer log)"
            ),
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="T",
            value="Time",
            definition=(
                "Generated by the computer because of the elapsed time since the last inspection "
                "was completed or initiated (Includes most PM inspections)"
            ),
            process_effect=FILTERING,
            effect_keys=("generated_by_system",),
        ),
        DefaultValue(
            abbreviation="U",
            value="Unscheduled observation",
            definition=(
                "Breakdown, or initiated by anyone, by any means not included elsewhere in this "
                "list of options."
            ),
            process_effect=FILTERING,
            is_default=True,
        ),
        DefaultValue(
            abbreviation="V",
            value="Vibration analysis",
            definition="Initiated by the vibration technicians",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="W",
            value="Work order",
            definition="Initiated as the result of other maintenance work",
            process_effect=FILTERING,
        ),
        DefaultValue(
            abbreviation="A",
            value="Other",
            definition="Use for non-maintenance work",
            process_effect=FILTERING,
        ),
    ),
)

CHARACTERISTICS: tuple[DefaultCharacteristic, ...] = (
    URGENCY,
    TIMING,
    REASON,
    ACTION,
    FUNDING,
    INITIATED_BY,
)

# code, name: the spec's "Skill or trade" column (WO – Resources)
TRADES: tuple[tuple[str, str], ...] = (
    ("MECH", "Mechanic (or millwright)"),
    ("ELEC", "Electrician"),
    ("INST", "Instrument technician"),
    ("WELD", "Welder"),
    ("ENG", "Engineer"),
    ("OPER", "Operator"),
    ("GAS", "Gas tester"),
    ("VENDOR", "Vendor’s representative"),
    ("SAFETY", "Safety watch"),
    ("CONTR", "Contractor"),
    ("CONSULT", "Consultant"),
)

# code, name: the spec's "Crew" column (WO – Resources); the codes are ours, not the spec's
CREWS: tuple[tuple[str, str], ...] = (
    ("UTIL-MECH", "Utilities area mechanical crew"),
    ("UTIL-OPS", "Utilities area operating crew"),
    ("PA1-EI", "Process area #1 electrical/instrument crew"),
    ("PA1-OPS", "Process area #1 operators"),
)
