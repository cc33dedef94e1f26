//! Test results in HL7 v2: the `ORU^R01` messages that diagnostic analysers (GeneXpert, cobas,
//! BD Veritor) and laboratory information systems send, read into anonymous results for the
//! instruments pallet: a disease, a test, an outcome, a day and, for a sequencing, a lineage.
//!
//! ## Overview
//!
//! [`parse`] takes messages as a socket or a file holds them: each begins with `MSH`, segments
//! end in `\r`, `\n` or `\r\n`, MLLP's framing bytes (0x0B, 0x1C) and a batch's envelope
//! (`FHS`, `BHS`, `BTS`, `FTS`) are set aside. Only `MSH` (type, control id, processing id,
//! time zone), `OBR` (the order's time) and `OBX` (the results) are read; every other segment
//! (`PID`, `NK1`, `PV1`, `ORC`, `NTE`, `SPM`, ...) is never looked into, so nothing that names
//! a patient can reach the output, and [`Parsed::dropped_segments`] lists what was passed over.
//!
//! An `OBX` counts when its test (OBX-3, or the alternate code beside a local one) is in the
//! gateway's [`Codes`], its status (OBX-11) is final, its value (OBX-5, as OBX-2 types it) is
//! a positive, negative or invalid result or, for a sequencing, a lineage as the chain writes
//! them, and it has a day: the day the test was run, OBX-19 (the analysis), else OBX-14 (the
//! observation, often the collection), else its order's OBR-7, taken to UTC by its offset or
//! else by MSH-7's, the sender's default in HL7; a date without a time is the day it names.
//! The results of one order (OBR), one specimen, for a disease and kind of test are one test.
//! Anything else is a [`Refusal`] naming the message, the segment and the reason, for the
//! laboratory to fix at the source, as is a message of another type or marked for training or
//! debugging (MSH-11), and a correction (C), whose final result was counted already. Reasons
//! name codes, never text a sender wrote, which may name a patient.
//!
//! HL7 is read by the `hl7-parser` crate (0.3, rewritten in 2025, Apache-2.0 like Healthnet,
//! needing only `nom` and `thiserror`), the one of the three candidates that parses segments,
//! fields, repetitions and components by the message's own separators and decodes HL7's
//! escapes while Healthnet can take it: `hl7v2` is AGPL, and `rust-hl7` calls itself
//! experimental.

use std::collections::{BTreeMap, BTreeSet};

use healthnet_primitives::{
	instruments::{
		Outcome,
		TestKind::{self, Antibody, Antigen, Pcr, Sequencing},
	},
	surveillance::{disease_code_is_well_formed, lineage_name_is_well_formed, Period},
};
use hl7_parser::{
	datetime::{parse_timestamp, TimeStamp},
	message::{Field, Repeat, Segment, Separators},
	Message,
};

/// One counted test result: nothing in it names or singles out a patient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observation {
	/// The day the test was run, in UTC (OBX-19, else OBX-14, else OBR-7).
	pub day: Period,
	/// The ICD-11 code of the disease the test is for (`RA01`).
	pub disease: String,
	/// What kind of test it was.
	pub test: TestKind,
	/// What it found.
	pub outcome: Outcome,
	/// The lineage a sequencing named, as Healthnet writes lineages (`JN.1`).
	pub lineage: Option<String>,
}

/// A message or result the gateway did not count, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
	/// Which message of the input, counted from 1.
	pub message: usize,
	/// The message's control id (MSH-10), by which its sender finds it.
	pub control_id: Option<String>,
	/// The segment refused: `MSH` for the whole message, `OBX[3]` for its third OBX.
	pub segment: String,
	/// What is wrong, as a sentence its sender can act on.
	pub reason: String,
}

/// What [`parse`] made of its input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
	/// The results that count, one per order, disease and test, in the order of the input.
	pub observations: Vec<Observation>,
	/// What was not counted, in the order of the input.
	pub refusals: Vec<Refusal>,
	/// How many messages the input held.
	pub messages: usize,
	/// The segments never read (`NTE`, `PID`, `PV1`, ...), each once, in alphabetical order.
	pub dropped_segments: Vec<String>,
}

/// An observation's test as OBX-3 names it: a code and its coding system (`LN` for LOINC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
	/// The coding system, HL7 table 0396's name for it.
	pub system: String,
	/// The code.
	pub code: String,
}

/// What an observation code tests: a disease and the kind of test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
	/// The disease's ICD-11 code, as Healthnet's surveillance takes it.
	pub disease: String,
	/// The kind of test.
	pub test: TestKind,
}

/// The observation codes the gateway counts, each mapped to what it tests, keyed by (coding
/// system, code).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Codes(BTreeMap<(String, String), Mapping>);

/// COVID-19 in ICD-11.
const COVID: &str = "RA01";
/// Influenza due to an identified seasonal influenza virus (A or B) in ICD-11.
const INFLUENZA: &str = "1E30";
/// Pneumonia due to respiratory syncytial virus in ICD-11, Healthnet's code for RSV.
const RSV: &str = "CA40.11";

/// The built-in table: LOINC codes for tests of the diseases Healthnet follows, each checked
/// against LOINC's long name, which the comment beside it shortens ("NAA": by nucleic acid
/// amplification with probe detection; "IA": by immunoassay). Codes for tests that cannot
/// tell SARS-CoV-2 from other SARS-related coronaviruses (95209-3, 94502-2) are left to a
/// site's own table.
const LOINC: &[(&str, &str, TestKind)] = &[
	("94500-6", COVID, Pcr), // SARS-CoV-2 RNA [Presence] in Respiratory specimen, NAA
	("94309-2", COVID, Pcr), // SARS-CoV-2 RNA [Presence] in Specimen, NAA
	("94845-5", COVID, Pcr), // SARS-CoV-2 RNA [Presence] in Saliva (oral fluid), NAA
	("94558-4", COVID, Antigen), // SARS-CoV-2 Ag [Presence] in Respiratory specimen, rapid IA
	("97097-0", COVID, Antigen), // SARS-CoV-2 Ag [Presence] in Upper respiratory, rapid IA
	("96119-3", COVID, Antigen), // SARS-CoV-2 Ag [Presence] in Upper respiratory, IA
	("94762-2", COVID, Antibody), // SARS-CoV-2 Ab [Presence] in Serum or Plasma, IA
	("94563-4", COVID, Antibody), // SARS-CoV-2 IgG Ab [Presence] in Serum or Plasma, IA
	("94564-2", COVID, Antibody), // SARS-CoV-2 IgM Ab [Presence] in Serum or Plasma, IA
	("96895-8", COVID, Sequencing), // SARS-CoV-2 lineage [Identifier] in Specimen, Molgen
	("100157-7", COVID, Sequencing), // SARS-CoV-2 lineage [Type] in Specimen by Sequencing
	("92142-9", INFLUENZA, Pcr), // Influenza virus A RNA [Presence] in Respiratory specimen, NAA
	("92141-1", INFLUENZA, Pcr), // Influenza virus B RNA [Presence] in Respiratory specimen, NAA
	("85477-8", INFLUENZA, Pcr), // Influenza virus A RNA [Presence] in Upper respiratory, NAA
	("85478-6", INFLUENZA, Pcr), // Influenza virus B RNA [Presence] in Upper respiratory, NAA
	("76078-5", INFLUENZA, Pcr), // Influenza virus A RNA [Presence] in Nasopharynx, NAA
	("76080-1", INFLUENZA, Pcr), // Influenza virus B RNA [Presence] in Nasopharynx, NAA
	("34487-9", INFLUENZA, Pcr), // Influenza virus A RNA [Presence] in Specimen, NAA
	("40982-1", INFLUENZA, Pcr), // Influenza virus B RNA [Presence] in Specimen, NAA
	("80382-5", INFLUENZA, Antigen), // Influenza virus A Ag [Presence] in Upper resp., rapid IA
	("92131-2", RSV, Pcr),   // Respiratory syncytial virus RNA [Presence] in Respiratory spec., NAA
	("85479-4", RSV, Pcr),   // Respiratory syncytial virus RNA [Presence] in Upper resp., NAA
	("76089-2", RSV, Pcr),   // Respiratory syncytial virus RNA [Presence] in Nasopharynx, NAA
	("40988-8", RSV, Pcr),   // Respiratory syncytial virus RNA [Presence] in Specimen, NAA
];

/// The kinds of test by the names a site's table gives them.
const TESTS: [(&str, TestKind); 4] =
	[("pcr", Pcr), ("antigen", Antigen), ("antibody", Antibody), ("sequencing", Sequencing)];

impl Codes {
	/// The built-in table: the LOINC codes of COVID-19, influenza and RSV tests listed above.
	pub fn loinc() -> Codes {
		let mapping = |&(code, disease, test): &(&str, &str, TestKind)| {
			(("LN".to_string(), code.to_string()), Mapping { disease: disease.to_string(), test })
		};
		Codes(LOINC.iter().map(mapping).collect())
	}

	/// A site's own table, for its local codes: one `system,code,disease,test` a line, `test`
	/// one of `pcr`, `antigen`, `antibody` and `sequencing`. Blank lines, lines that start
	/// with `#` and a header line naming the four columns are skipped.
	pub fn from_csv(text: &str) -> Result<Codes, String> {
		let mut codes = BTreeMap::new();
		let mut first_lines = BTreeMap::new();
		for (index, line) in text.lines().enumerate() {
			let line_number = index + 1;
			let line = line.trim();
			if line.is_empty() || line.starts_with('#') {
				continue;
			}
			let fields: Vec<&str> = line.split(',').map(str::trim).collect();
			if fields.join(",").eq_ignore_ascii_case("system,code,disease,test") {
				continue;
			}
			let [system, code, disease, test] = fields[..] else {
				return Err(format!(
					"line {line_number} of the code table has {} fields; each line is \
					 system,code,disease,test",
					fields.len()
				));
			};
			if system.is_empty() || code.is_empty() {
				return Err(format!(
					"line {line_number} of the code table names no {}",
					if system.is_empty() { "coding system" } else { "code" }
				));
			}
			if !disease_code_is_well_formed(disease.as_bytes()) {
				return Err(format!(
					"line {line_number} of the code table: disease \"{disease}\" is not an ICD-11 \
					 code such as RA01 or 1E30"
				));
			}
			let Some(&(_, test)) = TESTS.iter().find(|(name, _)| name.eq_ignore_ascii_case(test))
			else {
				return Err(format!(
					"line {line_number} of the code table: test \"{test}\" is none of pcr, \
					 antigen, antibody and sequencing"
				));
			};
			let key = (system_name(system), code.to_string());
			if let Some(first) = first_lines.insert(key.clone(), line_number) {
				return Err(format!(
					"line {line_number} of the code table maps {code} ({system}) again, after \
					 line {first}"
				));
			}
			codes.insert(key, Mapping { disease: disease.to_string(), test });
		}
		if codes.is_empty() {
			return Err("the code table maps no code".into());
		}
		Ok(Codes(codes))
	}

	/// What `code` tests, if the gateway counts it.
	pub fn get(&self, code: &Code) -> Option<&Mapping> {
		self.0.get(&(system_name(&code.system), code.code.trim().to_string()))
	}
}

/// A coding system's name as HL7 table 0396 writes it: `LN` and `SCT` stand for the other
/// names and the identifiers senders use for LOINC and SNOMED CT.
fn system_name(system: &str) -> String {
	const LOINC: [&str; 4] = ["LN", "LOINC", "2.16.840.1.113883.6.1", "HTTP://LOINC.ORG"];
	const SNOMED: [&str; 5] =
		["SCT", "SNOMED", "SNOMEDCT", "2.16.840.1.113883.6.96", "HTTP://SNOMED.INFO/SCT"];
	let system = system.trim();
	// `SNOMED CT`, `SNOMED-CT` and `snomedct` are one name.
	let plain: String = system.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
	match plain.to_ascii_uppercase().as_str() {
		name if LOINC.contains(&name) => "LN".into(),
		name if SNOMED.contains(&name) => "SCT".into(),
		_ => system.to_string(),
	}
}

/// The segments of a batch file's envelope, around its messages.
const ENVELOPE: [&str; 4] = ["FHS", "BHS", "BTS", "FTS"];
/// The only segments the gateway reads.
const READ: [&str; 3] = ["MSH", "OBR", "OBX"];

/// Reads the test results out of `input`, one or more HL7 v2 messages, with `codes` naming
/// the tests that count (see the module's documentation).
pub fn parse(input: &str, codes: &Codes) -> Parsed {
	let mut dropped = BTreeSet::new();
	let mut messages: Vec<Vec<&str>> = Vec::new();
	for line in lines(input).into_iter().filter(|line| !line.trim().is_empty()) {
		if line.starts_with("MSH") {
			messages.push(vec![line]);
		} else if let Some(message) = messages.last_mut() {
			message.push(line);
		} else if ENVELOPE.contains(&segment_id(line, |c| c.is_ascii_punctuation()).unwrap_or("")) {
			dropped.insert(line[..3].to_string());
		} else {
			// Text before the first MSH: a message of its own, to be refused as one.
			messages.push(vec![line]);
		}
	}
	let mut parsed = Parsed { messages: messages.len(), ..Parsed::default() };
	for (index, lines) in messages.iter().enumerate() {
		let separator = field_separator(lines[0]);
		let ids = lines.iter().filter_map(|line| segment_id(line, |c| c == separator));
		dropped.extend(ids.filter(|id| !READ.contains(id)).map(String::from));
		read_message(index + 1, lines, codes, &mut parsed);
	}
	parsed.dropped_segments = dropped.into_iter().collect();
	parsed
}

/// The segments of `input`, set apart from MLLP's bytes. HL7 ends a segment in CR; files often
/// in LF or CRLF. A LF ends one only where the next begins, a segment id and a separator after
/// it: elsewhere it breaks a line of text (an NTE's), which stays in its segment.
fn lines(input: &str) -> Vec<&str> {
	// MLLP's start and end of block, a byte order mark and the LF of a CRLF.
	let frame = |c| matches!(c, '\u{0b}' | '\u{1c}' | '\u{feff}' | '\n');
	let mut lines = Vec::new();
	for piece in input.split('\r') {
		let mut from = 0;
		// Of LFs in a row, the last ends the segment: each is looked past to the next LF only.
		for (at, _) in piece.match_indices('\n') {
			let next = piece[at + 1..].trim_start_matches(|c| c != '\n' && frame(c));
			if segment_id(next, |c| c.is_ascii_punctuation() || c == '\n').is_some() {
				lines.push(piece[from..at].trim_matches(frame));
				from = at + 1;
			}
		}
		lines.push(piece[from..].trim_matches(frame));
	}
	lines
}

/// A line's segment id, if it begins with one: three uppercase letters or digits, then the
/// end of the line or a character `separates` takes.
fn segment_id(line: &str, separates: impl Fn(char) -> bool) -> Option<&str> {
	let id = line.get(..3)?;
	let ends = line[3..].chars().next().is_none_or(separates);
	(ends && id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())).then_some(id)
}

/// The field separator of a message whose first line is `first`: MSH-1, else HL7's usual.
fn field_separator(first: &str) -> char {
	first.strip_prefix("MSH").and_then(|rest| rest.chars().next()).unwrap_or('|')
}

/// Reads message `number`, its segments `lines`, into `parsed`.
fn read_message(number: usize, lines: &[&str], codes: &Codes, parsed: &mut Parsed) {
	let refuse = |parsed: &mut Parsed, control_id: &Option<String>, segment: &str, reason| {
		let (control_id, segment) = (control_id.clone(), segment.to_string());
		parsed.refusals.push(Refusal { message: number, control_id, segment, reason })
	};
	if !lines[0].starts_with("MSH") {
		let segment = segment_id(lines[0], |c| c == '|').unwrap_or("line 1");
		let reason = "text before the first MSH segment is not an HL7 message".to_string();
		return refuse(parsed, &None, segment, reason);
	}
	// A segment with no fields (`NTE`) is still a segment: the parser wants its separator.
	let separator = field_separator(lines[0]);
	let text = lines
		.iter()
		.map(|line| if line.len() == 3 { format!("{line}{separator}") } else { line.to_string() })
		.collect::<Vec<_>>()
		.join("\r");
	let Ok(message) = Message::parse(&text) else {
		let reason = "the MSH segment does not name the message's separators (MSH|^~\\&|)".into();
		return refuse(parsed, &None, "MSH", reason);
	};
	let separators = message.separators;
	let msh = &message.segments[0];
	let control_id = Some(component(msh.field(10), 1, &separators)).filter(|id| !id.is_empty());
	if let Some(line) = lines.get(message.segments.len()) {
		let position = message.segments.len() + 1;
		let label = segment_id(line, |c| c == separator)
			.map_or_else(|| format!("line {position}"), String::from);
		let reason = format!(
			"segment {position} of the message is not an HL7 segment: a three-letter name, then \
			 fields separated by {separator}"
		);
		return refuse(parsed, &control_id, &label, reason);
	}
	let kind = |n| shown(&component(msh.field(9), n, &separators));
	let (kind, event) = (kind(1), kind(2));
	if (kind.as_str(), event.as_str()) != ("ORU", "R01") {
		let reason = if kind.is_empty() {
			"the message names no type (MSH-9); only ORU^R01 carries test results".to_string()
		} else {
			format!(
				"message type {kind}^{event} is not an observation result (ORU^R01), the only \
				 kind that carries test results"
			)
		};
		return refuse(parsed, &control_id, "MSH", reason);
	}
	let processing = component(msh.field(11), 1, &separators);
	if processing == "T" || processing == "D" {
		let purpose = if processing == "T" { "training" } else { "debugging" };
		let reason = format!(
			"processing id {processing} (MSH-11) marks a {purpose} message; only production (P) \
			 results are counted"
		);
		return refuse(parsed, &control_id, "MSH", reason);
	}
	let default_offset = timestamp(&component(msh.field(7), 1, &separators)).ok().and_then(|t| t.1);
	// The order (OBR) the next results are of, and where its results begin in `observations`.
	let mut order = (None, parsed.observations.len());
	let mut results = 0;
	for segment in &message.segments[1..] {
		match segment.name {
			"OBR" => order = (Some(segment), parsed.observations.len()),
			"OBX" => {
				results += 1;
				match read_result(segment, order.0, &separators, codes, default_offset) {
					Ok(observation) => count(&mut parsed.observations, order.1, observation),
					Err(reason) => refuse(parsed, &control_id, &format!("OBX[{results}]"), reason),
				}
			},
			_ => {},
		}
	}
}

/// Adds `new` to `observations`, of which those from `from` on are its order's. With one there
/// of its disease and test it is one specimen's one test (a panel's Flu A and Flu B): positive
/// if either is, else negative if either is, else invalid; of the earlier day; of the lineage
/// the first positive sequencing named.
fn count(observations: &mut Vec<Observation>, from: usize, new: Observation) {
	let same = |kept: &&mut Observation| kept.disease == new.disease && kept.test == new.test;
	let Some(kept) = observations[from..].iter_mut().find(same) else {
		return observations.push(new);
	};
	let better = new.outcome == Outcome::Positive || kept.outcome == Outcome::Invalid;
	if new.outcome != kept.outcome && better {
		(kept.outcome, kept.lineage) = (new.outcome, new.lineage);
	}
	kept.day = kept.day.min(new.day);
}

/// Reads one OBX, `order` the OBR it follows, into a result, or says why it does not count.
fn read_result(
	obx: &Segment,
	order: Option<&Segment>,
	separators: &Separators,
	codes: &Codes,
	default_offset: Option<i32>,
) -> Result<Observation, String> {
	let identifier = obx.field(3);
	let code = |code, system| Code {
		code: component(identifier, code, separators),
		system: component(identifier, system, separators),
	};
	let (primary, alternate) = (code(1, 3), code(4, 6));
	if primary.code.is_empty() && alternate.code.is_empty() {
		return Err("the result names no test (OBX-3 is empty)".into());
	}
	let Some(mapping) = codes.get(&primary).or_else(|| codes.get(&alternate)) else {
		let named = if primary.code.is_empty() { &alternate } else { &primary };
		let (code, system) = (shown(&named.code), shown(&named.system));
		let system = if system.is_empty() { "no coding system" } else { &system };
		return Err(format!(
			"observation code {code} ({system}) is not a test this gateway counts"
		));
	};
	let status = component(obx.field(11), 1, separators);
	if status != "F" {
		return Err(status_refusal(&status));
	}
	let kind = component(obx.field(2), 1, separators);
	let values: Vec<&Repeat> = obx
		.field(5)
		.map(|field| field.repeats().filter(|r| !r.is_empty()).collect())
		.unwrap_or_default();
	let [value] = values[..] else {
		return Err(match values.len() {
			0 => "the result has no value (OBX-5)".into(),
			n => format!("the result has {n} values (OBX-5 repeats); a test has one"),
		});
	};
	let (outcome, lineage) = if mapping.test == TestKind::Sequencing {
		lineage_of(&kind, value, separators)?
	} else {
		(outcome_of(&kind, value, separators)?, None)
	};
	let times = [
		("analysis time (OBX-19)", obx.field(19)),
		("observation time (OBX-14)", obx.field(14)),
		("order's observation time (OBR-7)", order.and_then(|order| order.field(7))),
	];
	let written = times.map(|(name, field)| (name, component(field, 1, separators)));
	let Some((name, written)) = written.into_iter().find(|(_, written)| !written.is_empty()) else {
		return Err("the result has no date: none of its analysis time (OBX-19), its observation \
		            time (OBX-14) and its order's (OBR-7) is given"
			.into());
	};
	let day = day_of(&written, default_offset)
		.map_err(|fault| format!("the {name}, {} characters, {fault}", written.chars().count()))?;
	Ok(Observation { day, disease: mapping.disease.clone(), test: mapping.test, outcome, lineage })
}

/// Why a corrected result (OBX-11 `C`) does not count.
const CORRECTED: &str = "result status C marks a corrected result: the final result it corrects \
                         was counted already, and the chain keeps no way to take a count back; \
                         only final (F) results count";

/// Why a result of status `status` (OBX-11, HL7 table 0085) does not count.
fn status_refusal(status: &str) -> String {
	let meaning = match status {
		"P" => "preliminary",
		"R" => "entered, not verified",
		"I" => "pending, the specimen in the laboratory",
		"S" => "partial",
		"X" => "not obtained",
		"D" => "to be deleted",
		"W" => "withdrawn as wrong",
		"U" => "made final without its results",
		"C" => return CORRECTED.into(),
		"" => return "the result has no status (OBX-11); only final (F) results count".into(),
		// Named only if HL7 names it: any other text may be anything.
		_ => return "the status (OBX-11) is not one of HL7's; only final (F) results count".into(),
	};
	format!("result status {status} ({meaning}) is not final; only final (F) results count")
}

/// What a qualitative result says, from its value `value` of type `kind` (OBX-2).
fn outcome_of(kind: &str, value: &Repeat, separators: &Separators) -> Result<Outcome, String> {
	let at = |n| part(value, n, separators);
	let outcome = match kind {
		// A SNOMED CT code says it best; the text beside it or a code's own words otherwise.
		"CWE" | "CE" | "CNE" => [(1, 3), (4, 6)]
			.into_iter()
			.filter(|(_, system)| system_name(&at(*system)) == "SCT")
			.find_map(|(code, _)| snomed(&at(code)))
			.or_else(|| [2, 5, 9, 1, 4].into_iter().find_map(|n| word(&at(n)))),
		"ST" | "TX" | "FT" => word(&text(value.raw_value(), separators)),
		_ => return Err(type_refusal(kind)),
	};
	let none = "that this gateway reads as none of positive, negative and invalid";
	outcome.ok_or_else(|| format!("the result is {} {none}", described(kind, value, separators)))
}

/// Why a value of type `kind` (OBX-2) cannot be a test's outcome.
fn type_refusal(kind: &str) -> String {
	match shown(kind) {
		kind if kind.is_empty() => "the result has no value type (OBX-2)".into(),
		kind => format!("value type {kind} is neither coded (CWE) nor text (ST), as outcomes are"),
	}
}

/// The outcome a SNOMED CT qualifier value names, for those results take.
fn snomed(code: &str) -> Option<Outcome> {
	Some(match code {
		"260373001" | "10828004" => Outcome::Positive, // Detected; Positive
		"260415000" | "260385009" => Outcome::Negative, // Not detected; Negative
		"455371000124106" | "419984006" => Outcome::Invalid, // Invalid result; Inconclusive
		_ => return None,
	})
}

/// The outcome a result written out names, whatever its case, hyphens and spaces.
fn word(text: &str) -> Option<Outcome> {
	let words: Vec<String> = text
		.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
		.filter(|word| !word.is_empty())
		.map(str::to_ascii_lowercase)
		.collect();
	Some(match words.join(" ").trim_end_matches('.') {
		"detected" | "positive" | "reactive" => Outcome::Positive,
		"not detected" | "none detected" | "undetected" | "negative" | "non reactive"
		| "nonreactive" => Outcome::Negative,
		"invalid" | "invalid result" | "inconclusive" | "indeterminate" => Outcome::Invalid,
		_ => return None,
	})
}

/// What a sequencing found: a lineage, or, written as any other result, nothing or no answer.
fn lineage_of(
	kind: &str,
	value: &Repeat,
	separators: &Separators,
) -> Result<(Outcome, Option<String>), String> {
	match outcome_of(kind, value, separators) {
		Ok(Outcome::Positive) => {
			return Err("the sequencing found the virus but names no lineage".into());
		},
		Ok(outcome) => return Ok((outcome, None)),
		Err(_) => {},
	}
	let name = match kind {
		"CWE" | "CE" | "CNE" => Some(part(value, 1, separators))
			.filter(|code| !code.is_empty())
			.unwrap_or_else(|| part(value, 2, separators)),
		"ST" | "TX" | "FT" => text(value.raw_value(), separators),
		_ => return Err(type_refusal(kind)),
	};
	let allowed = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'/');
	let lineage = name.to_ascii_uppercase();
	if lineage == "UNASSIGNED" {
		return Err(
			"lineage \"Unassigned\" is Pangolin's word for none: it names no lineage".into()
		);
	}
	let why = if name.is_empty() || name.len() > 32 || !name.bytes().all(allowed) {
		"is not a lineage name: 1 to 32 ASCII letters, digits, '.', '-' and '/'"
	} else if !lineage_name_is_well_formed(lineage.as_bytes()) {
		"is not written as Healthnet names lineages: a Pango lineage or Nextstrain clade (JN.1, \
		 23A), letters and digits in dot-separated parts"
	} else {
		return Ok((Outcome::Positive, Some(lineage)));
	};
	Err(format!("the lineage is {} that {why}", described(kind, value, separators)))
}

/// Why a time cannot be read, said of it.
const UNREADABLE: &str = "is not an HL7 time (YYYYMMDD[HHMM[SS]][+/-ZZZZ])";

/// The UTC day of an HL7 time `written` (`YYYYMMDD[HHMM[SS[.S+]]][+/-ZZZZ]`), a time without
/// offset taken at `default_offset` minutes east of UTC, a date without time as it is; or
/// what is wrong with it, said of it without quoting it.
fn day_of(written: &str, default_offset: Option<i32>) -> Result<Period, &'static str> {
	let (stamp, offset) = timestamp(written).map_err(|()| UNREADABLE)?;
	let (Some(month), Some(day)) = (stamp.month, stamp.day) else {
		return Err("names no day");
	};
	let days = days_from_civil(stamp.year, month, day).ok_or(UNREADABLE)?;
	let (hour, minute) = (stamp.hour.unwrap_or(0), stamp.minute.unwrap_or(0));
	if hour > 23 || minute > 59 || stamp.second.unwrap_or(0) > 60 {
		return Err(UNREADABLE);
	}
	let offset = if stamp.hour.is_some() { offset.or(default_offset).unwrap_or(0) } else { 0 };
	let minutes = days * 1440 + i64::from(hour) * 60 + i64::from(minute) - i64::from(offset);
	let day = minutes.div_euclid(1440);
	// 2000-01-01, the first day the gateway counts results of.
	if day < 10_957 {
		return Err("is before 2000, too early for a result this gateway counts");
	}
	Period::try_from(day).map_err(|_| UNREADABLE)
}

/// An HL7 time read by the crate, with its offset in minutes east of UTC, if it has one. The
/// fraction of a second is set aside first: no day depends on it, and the crate reads four
/// digits of it at most.
fn timestamp(written: &str) -> Result<(TimeStamp, Option<i32>), ()> {
	let plain = match written.split_once('.') {
		Some((whole, rest)) => {
			let fraction = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
			if fraction == 0 {
				return Err(());
			}
			format!("{whole}{}", &rest[fraction..])
		},
		None => written.to_string(),
	};
	let stamp = parse_timestamp(&plain, false).map_err(|_| ())?;
	let offset = match stamp.offset {
		Some(offset) if offset.hours.unsigned_abs() > 14 || offset.minutes > 59 => return Err(()),
		// The crate keeps the sign on the hours, which loses it for -0030: the text has it.
		Some(offset) => {
			let minutes = i32::from(offset.hours.unsigned_abs()) * 60 + i32::from(offset.minutes);
			Some(if plain.contains('-') { -minutes } else { minutes })
		},
		None => None,
	};
	Ok((stamp, offset))
}

/// Days from 1970-01-01 to the date `year`-`month`-`day`, if it is one (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: u16, month: u8, day: u8) -> Option<i64> {
	let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
	let february = if leap { 29 } else { 28 };
	let lengths = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	if day == 0 || day > *lengths.get(usize::from(month).checked_sub(1)?)? {
		return None;
	}
	let (month, day) = (i64::from(month), i64::from(day));
	let year = i64::from(year) - i64::from(month <= 2);
	let era = year.div_euclid(400);
	let year_of_era = year - era * 400;
	let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
	let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	Some(era * 146_097 + day_of_era - 719_468)
}

/// Component `n` of a field's first repetition, its escapes decoded, trimmed; empty if absent.
fn component(field: Option<&Field>, n: usize, separators: &Separators) -> String {
	field.and_then(|field| field.repeat(1)).map(|r| part(r, n, separators)).unwrap_or_default()
}

/// Component `n` of `repeat`, its escapes decoded, trimmed; empty if absent.
fn part(repeat: &Repeat, n: usize, separators: &Separators) -> String {
	repeat.component(n).map(|c| text(c.raw_value(), separators)).unwrap_or_default()
}

/// `raw` with HL7's escape sequences (`\F\`, `\S\`, `\T\`, `\R\`, `\E\`, `\.br\`) decoded,
/// trimmed. Text that is not ASCII is left as written: the crate's decoder counts characters
/// where it slices bytes, and no code, result word or lineage the gateway reads is other than
/// ASCII, so such text is refused either way.
fn text(raw: &str, separators: &Separators) -> String {
	let decoded = if raw.is_ascii() { separators.decode(raw).to_string() } else { raw.into() };
	decoded.trim().to_string()
}

/// `text` for a refusal: itself if written as a code (`94500-6`, `2.16.840.1.113883.6.1`),
/// else its length only, for words may name a patient.
fn shown(text: &str) -> String {
	let code = |b: u8| b.is_ascii_alphanumeric() || b"-._:/".contains(&b);
	match text.chars().count() {
		n if n > 64 || !text.bytes().all(code) => format!("[{n} characters]"),
		_ => text.into(),
	}
}

/// A value `value` of type `kind` (OBX-2) for a refusal, its length and code but none of its
/// text: `an ST value of 9 characters`, `a CWE value of 17 characters coded 1234 (L)`.
fn described(kind: &str, value: &Repeat, separators: &Separators) -> String {
	let (code, system) = (part(value, 1, separators), part(value, 3, separators));
	let coded = matches!(kind, "CWE" | "CE" | "CNE") && !code.is_empty() && !system.is_empty();
	let code = coded.then(|| format!(" coded {} ({})", shown(&code), shown(&system)));
	let length = text(value.raw_value(), separators).chars().count();
	let article = if kind.starts_with(['F', 'S']) { "an" } else { "a" };
	format!("{article} {kind} value of {length} characters{}", code.unwrap_or_default())
}

#[cfg(test)]
#[path = "hl7/tests.rs"]
mod tests;
