use super::*;

/// A GeneXpert's SARS-CoV-2/Flu/RSV results: positives, negatives, an invalid result, a
/// preliminary one and a correction, both refused.
const PCR: &str = include_str!("../../../tests/fixtures/hl7/genexpert_pcr.hl7");
/// A BD Veritor reader's antigen results.
const ANTIGEN: &str = include_str!("../../../tests/fixtures/hl7/veritor_antigen.hl7");
/// A genomics laboratory's lineages.
const SEQUENCING: &str = include_str!("../../../tests/fixtures/hl7/sequencing_lineages.hl7");
/// An ADT message, an uncounted code, a missing date, a bad lineage and unreadable results.
const PROBLEMS: &str = include_str!("../../../tests/fixtures/hl7/problems.hl7");

/// 2026-12-05, -06 and -07, the fixtures' days.
const DEC_5: Period = 20_792;
const DEC_6: Period = 20_793;
const DEC_7: Period = 20_794;

/// Positives, negatives and invalid results per (day, disease, test).
fn counts(parsed: &Parsed) -> BTreeMap<(Period, String, String), [u32; 3]> {
	let mut counts = BTreeMap::new();
	for o in &parsed.observations {
		let key = (o.day, o.disease.clone(), format!("{:?}", o.test));
		let entry: &mut [u32; 3] = counts.entry(key).or_default();
		entry[match o.outcome {
			Outcome::Positive => 0,
			Outcome::Negative => 1,
			Outcome::Invalid => 2,
		}] += 1;
	}
	counts
}

/// The key of `counts` for `test`s of `disease` on `day`.
fn key(day: Period, disease: &str, test: TestKind) -> (Period, String, String) {
	(day, disease.to_string(), format!("{test:?}"))
}

/// The refusals as (message, control id, segment, reason), to compare whole.
fn refusals(parsed: &Parsed) -> Vec<(usize, Option<&str>, &str, &str)> {
	parsed
		.refusals
		.iter()
		.map(|r| (r.message, r.control_id.as_deref(), r.segment.as_str(), r.reason.as_str()))
		.collect()
}

/// One ORU^R01 sent at `sent` (MSH-7) whose only OBX is `OBX|1|` and then `obx`.
fn oru_sent(sent: &str, obx: &str) -> String {
	format!(
		"MSH|^~\\&|LAB|CLINIC|HEALTHNET|HN|{sent}||ORU^R01|C1|P|2.5.1\r\
		 PID|1||MRN1||DOE^JANE\rOBR|1|||X^X^L|||20261206\rOBX|1|{obx}\r"
	)
}

/// The one result `OBX|1|obx` makes under `codes`, or why it was refused.
fn result(obx: &str, codes: &Codes) -> Result<Observation, String> {
	let parsed = parse(&oru_sent("20261206120000+0530", obx), codes);
	assert_eq!(parsed.observations.len() + parsed.refusals.len(), 1, "{parsed:?}");
	match parsed.refusals.first() {
		Some(refusal) => Err(refusal.reason.clone()),
		None => Ok(parsed.observations[0].clone()),
	}
}

/// The outcome `OBX|1|obx` has under the built-in table, or why it was refused.
fn outcome(obx: &str) -> Result<Outcome, String> {
	result(obx, &Codes::loinc()).map(|o| o.outcome)
}

#[test]
fn pcr_results_count_per_disease_and_day() {
	let parsed = parse(PCR, &Codes::loinc());
	assert_eq!(parsed.messages, 5);
	// Each panel's Flu A and Flu B are one influenza test: not detected twice, then detected
	// beside not detected.
	let expected = BTreeMap::from([
		(key(DEC_5, "RA01", TestKind::Pcr), [1, 1, 0]),
		(key(DEC_5, "1E30", TestKind::Pcr), [1, 1, 0]),
		(key(DEC_5, "CA40.11", TestKind::Pcr), [0, 2, 0]),
		(key(DEC_6, "RA01", TestKind::Pcr), [0, 0, 1]),
	]);
	assert_eq!(counts(&parsed), expected);
	assert!(parsed.observations.iter().all(|o| o.lineage.is_none()));
	assert_eq!(
		refusals(&parsed),
		[
			(
				4,
				Some("GX-20261206-0002"),
				"OBX[1]",
				"result status P (preliminary) is not final; only final (F) results count"
			),
			(
				5,
				Some("GX-20261206-0003"),
				"OBX[1]",
				"result status C marks a corrected result: the final result it corrects was \
				 counted already, and the chain keeps no way to take a count back; only final \
				 (F) results count"
			),
		]
	);
}

#[test]
fn antigen_results_count_per_day() {
	let parsed = parse(ANTIGEN, &Codes::loinc());
	assert_eq!(parsed.messages, 4);
	let expected = BTreeMap::from([
		(key(DEC_6, "RA01", TestKind::Antigen), [1, 1, 0]),
		(key(DEC_7, "RA01", TestKind::Antigen), [0, 1, 1]),
	]);
	assert_eq!(counts(&parsed), expected);
	assert!(parsed.refusals.is_empty(), "{:?}", parsed.refusals);
}

#[test]
fn sequencing_names_lineages_and_an_invalid_run_none() {
	let parsed = parse(SEQUENCING, &Codes::loinc());
	assert_eq!(parsed.messages, 3);
	assert!(parsed.refusals.is_empty(), "{:?}", parsed.refusals);
	let found: Vec<_> =
		parsed.observations.iter().map(|o| (o.day, o.outcome, o.lineage.as_deref())).collect();
	assert_eq!(
		found,
		[
			(DEC_5, Outcome::Positive, Some("JN.1")),
			// 04:30 on the 6th in Bengaluru is 23:00 on the 5th in UTC.
			(DEC_5, Outcome::Positive, Some("XBB.1.5")),
			(DEC_6, Outcome::Positive, Some("BA.2.86")),
			(DEC_6, Outcome::Invalid, None),
		]
	);
	assert!(parsed
		.observations
		.iter()
		.all(|o| o.disease == "RA01" && o.test == TestKind::Sequencing));
}

#[test]
fn every_problem_is_refused_with_its_message_segment_and_reason() {
	let parsed = parse(PROBLEMS, &Codes::loinc());
	assert_eq!(parsed.messages, 5);
	assert_eq!(
		refusals(&parsed),
		[
			(
				1,
				Some("ADT-99120"),
				"MSH",
				"message type ADT^A01 is not an observation result (ORU^R01), the only kind \
				 that carries test results"
			),
			(
				2,
				Some("CI-26-55120"),
				"OBX[1]",
				"observation code 2345-7 (LN) is not a test this gateway counts"
			),
			(
				3,
				Some("VPC-000315"),
				"OBX[1]",
				"the result has no date: none of its analysis time (OBX-19), its observation time \
				 (OBX-14) and its order's (OBR-7) is given"
			),
			(
				4,
				Some("SEQ-26-00883"),
				"OBX[1]",
				"the lineage is an ST value of 14 characters that is not a lineage name: 1 to 32 \
				 ASCII letters, digits, '.', '-' and '/'"
			),
			(
				5,
				Some("CI-26-55131"),
				"OBX[1]",
				"the result is an ST value of 9 characters that this gateway reads as none of \
				 positive, negative and invalid"
			),
			(
				5,
				Some("CI-26-55131"),
				"OBX[2]",
				"the observation time (OBX-14), 8 characters, is before 2000, too early for a \
				 result this gateway counts"
			),
			(
				5,
				Some("CI-26-55131"),
				"OBX[3]",
				"the observation time (OBX-14), 10 characters, is not an HL7 time \
				 (YYYYMMDD[HHMM[SS]][+/-ZZZZ])"
			),
		]
	);
	// The countable result beside the uncounted glucose still counts.
	assert_eq!(counts(&parsed), BTreeMap::from([(key(DEC_6, "RA01", TestKind::Pcr), [0, 1, 0])]));
}

#[test]
fn no_patient_detail_reaches_the_output() {
	let all = [PCR, ANTIGEN, SEQUENCING, PROBLEMS].concat();
	let parsed = parse(&all, &Codes::loinc());
	assert_eq!((parsed.messages, parsed.observations.len()), (17, 16));
	let output = format!("{parsed:?}");
	let names = ["DOE", "JANE", "ROE", "RICHARD", "JOHN", "WELBY"];
	let ids = ["4815162342", "2718281828", "1234567893", "5550142"];
	let births = ["19840229", "19570704"];
	let addresses = ["1 MAIN ST", "77 ELM AVE", "12 MG ROAD", "4 CHURCH ST", "SPRINGFIELD"];
	for detail in names.iter().chain(&ids).chain(&births).chain(&addresses) {
		assert!(all.contains(detail), "the fixtures hold {detail}");
		assert!(!output.contains(detail), "{detail} reached the output: {output}");
	}
	assert_eq!(parsed.dropped_segments, ["EVN", "NK1", "NTE", "ORC", "PID", "PV1", "SFT", "SPM"]);
}

#[test]
fn offsets_move_a_result_to_its_utc_day() {
	assert_eq!(day_of("202612062330-0500", None), Ok(DEC_7));
	assert_eq!(day_of("20261207003000+0100", None), Ok(DEC_6));
	assert_eq!(day_of("20261206233000.1234567-0030", None), Ok(DEC_7));
	assert_eq!(day_of("20261207001500+0030", None), Ok(DEC_6));
	// A time without offset is at the sender's (MSH-7's); a date is the day it names.
	assert_eq!(day_of("202612062300", Some(-300)), Ok(DEC_7));
	assert_eq!(day_of("202612062300", None), Ok(DEC_6));
	assert_eq!(day_of("20261207", Some(330)), Ok(DEC_7));
	assert_eq!(day_of("20000101", None), Ok(10_957));
	assert_eq!(day_of("20240229", None), Ok(19_782));
	let late = oru_sent(
		"20261206230500-0500",
		"CWE|94500-6^^LN||260373001^Detected^SCT||||||F|||202612062300",
	);
	assert_eq!(parse(&late, &Codes::loinc()).observations[0].day, DEC_7);
}

#[test]
fn unreadable_and_early_times_are_refused() {
	for written in
		["20261306", "20260230", "20261206.", "20261206+1500", "202612062460", "26-12-06"]
	{
		assert_eq!(day_of(written, None), Err(UNREADABLE), "{written}");
	}
	for written in ["2026", "202612"] {
		assert_eq!(day_of(written, None), Err("names no day"), "{written}");
	}
	let early = "is before 2000, too early for a result this gateway counts";
	assert_eq!(day_of("199912312330-0500", None), Ok(10_957));
	assert_eq!(day_of("199912311830-0500", None), Err(early));
}

#[test]
fn mllp_framing_is_set_aside() {
	let plain = parse(PCR, &Codes::loinc());
	let framed: String = PCR
		.split("MSH|")
		.filter(|message| !message.is_empty())
		.map(|message| format!("\u{0b}MSH|{}\u{1c}\r", message.replace('\n', "\r")))
		.collect();
	assert_eq!(parse(&framed, &Codes::loinc()), plain);
}

#[test]
fn segments_may_end_in_cr_lf_or_both() {
	let lf = parse(PCR, &Codes::loinc());
	assert_eq!(lf.observations.len(), 7);
	assert_eq!(parse(&PCR.replace('\n', "\r"), &Codes::loinc()), lf);
	assert_eq!(parse(&PCR.replace('\n', "\r\n"), &Codes::loinc()), lf);
	assert_eq!(parse(&PCR.replace('\n', "\n\n"), &Codes::loinc()), lf);
	// One file's messages written on different machines.
	assert_eq!(parse(&PCR.replacen('\n', "\r", 20), &Codes::loinc()), lf);
	// A line break inside a note, where HL7 wants `\.br\`, stays in the note.
	let noted = PCR.replace("SPC pass.", "SPC pass.\nreviewed\n\nNTE");
	assert_eq!(parse(&noted, &Codes::loinc()), lf);
	assert_eq!(
		parse(&noted.replace('\n', "\r").replace("pass.\r", "pass.\n"), &Codes::loinc()),
		lf
	);
}

#[test]
fn results_are_read_from_codes_or_words() {
	let cases = [
		("CWE|94500-6^^LN||260373001^Detected^SCT||||||F", Outcome::Positive),
		("CWE|94500-6^^LN||10828004^^SNOMED-CT||||||F", Outcome::Positive),
		("CWE|94500-6^^LN||^Not Detected||||||F", Outcome::Negative),
		("CE|94500-6^^LN||LOCAL1^Lab word^L^260415000^Not detected^SCT||||||F", Outcome::Negative),
		("CWE|94500-6^^LN||419984006^Inconclusive^SCT||||||F", Outcome::Invalid),
		("ST|94500-6^^LN||Non-reactive||||||F", Outcome::Negative),
		("ST|94500-6^^LN||POSITIVE||||||F", Outcome::Positive),
		("TX|94500-6^^LN||Indeterminate.||||||F", Outcome::Invalid),
		// An escape decoded: the `.br` line break ends the word.
		("ST|94500-6^^LN||Not detected\\.br\\||||||F", Outcome::Negative),
	];
	for (obx, expected) in cases {
		assert_eq!(outcome(obx), Ok(expected), "{obx}");
	}
	assert_eq!(
		outcome("NM|94500-6^^LN||31.2||||||F"),
		Err("value type NM is neither coded (CWE) nor text (ST), as outcomes are".into())
	);
	assert_eq!(
		outcome("ST|94500-6^^LN||Faint \\T\\ late||||||F"),
		Err("the result is an ST value of 12 characters that this gateway reads as none of \
		     positive, negative and invalid"
			.into())
	);
	assert_eq!(
		outcome("CWE|94500-6^^LN||260373001^Detected^SCT~260415000^Not detected^SCT||||||F"),
		Err("the result has 2 values (OBX-5 repeats); a test has one".into())
	);
	assert_eq!(outcome("CWE|94500-6^^LN||||||||F"), Err("the result has no value (OBX-5)".into()));
	assert_eq!(
		outcome("CWE|94500-6^^LN||260373001^Detected^SCT||||||"),
		Err("the result has no status (OBX-11); only final (F) results count".into())
	);
	assert!(outcome("CWE|94500-6^^LN||260373001^Detected^SCT||||||R")
		.unwrap_err()
		.contains("(entered, not verified)"));
}

#[test]
fn tests_are_found_by_alternate_codes_and_system_aliases() {
	let codes = Codes::loinc();
	let found = |obx: &str| result(obx, &codes).map(|o| (o.disease, o.test));
	let covid = Ok(("RA01".to_string(), TestKind::Pcr));
	assert_eq!(found("CWE|SARS2^SARS-CoV-2 PCR^L^94500-6^^LN||260373001^^SCT||||||F"), covid);
	assert_eq!(found("CWE|94500-6^^LOINC||260373001^^SCT||||||F"), covid);
	assert_eq!(found("CWE|94500-6^^2.16.840.1.113883.6.1||260373001^^SCT||||||F"), covid);
	assert_eq!(
		found("CWE|SARS2^SARS-CoV-2 PCR^L||260373001^^SCT||||||F"),
		Err("observation code SARS2 (L) is not a test this gateway counts".into())
	);
	assert_eq!(
		found("CWE|^^||260373001^^SCT||||||F"),
		Err("the result names no test (OBX-3 is empty)".into())
	);
}

#[test]
fn a_site_table_maps_its_local_codes() {
	let codes = Codes::from_csv(
		"# Riverside's local codes\nsystem,code,disease,test\n\n\
		 L, FLUSUB ,1E30,Sequencing\nLOINC,94500-6,RA01,pcr\n",
	)
	.unwrap();
	let subtype = result("ST|FLUSUB^Flu A subtype^L||H3N2||||||F", &codes).unwrap();
	assert_eq!((subtype.disease.as_str(), subtype.test), ("1E30", TestKind::Sequencing));
	assert_eq!(subtype.lineage.as_deref(), Some("H3N2"));
	let pcr = Code { system: "LN".into(), code: "94500-6".into() };
	assert_eq!(codes.get(&pcr).map(|m| m.test), Some(TestKind::Pcr));
	assert_eq!(codes.get(&Code { system: "LN".into(), code: "94558-4".into() }), None);
}

#[test]
fn a_site_table_names_the_line_it_cannot_read() {
	let cases = [
		(
			"LN,94500-6,RA01\n",
			"line 1 of the code table has 3 fields; each line is system,code,disease,test",
		),
		(
			"# codes\nLN,94500-6,RA01,culture\n",
			"line 2 of the code table: test \"culture\" is none of pcr, antigen, antibody and \
			 sequencing",
		),
		(
			"LN,94500-6,covid,pcr\n",
			"line 1 of the code table: disease \"covid\" is not an ICD-11 code such as RA01 or \
			 1E30",
		),
		(",94500-6,RA01,pcr\n", "line 1 of the code table names no coding system"),
		("LN,,RA01,pcr\n", "line 1 of the code table names no code"),
		(
			"LN,94500-6,RA01,pcr\n\nLOINC,94500-6,RA01,antigen\n",
			"line 3 of the code table maps 94500-6 (LOINC) again, after line 1",
		),
		("# nothing\n", "the code table maps no code"),
	];
	for (csv, error) in cases {
		assert_eq!(Codes::from_csv(csv), Err(error.to_string()), "{csv}");
	}
}

#[test]
fn lineages_are_written_as_the_chain_takes_them() {
	let codes = Codes::loinc();
	let lineage = |value: &str| {
		result(&format!("ST|96895-8^^LN||{value}||||||F"), &codes).map(|o| (o.outcome, o.lineage))
	};
	assert_eq!(lineage("jn.1"), Ok((Outcome::Positive, Some("JN.1".into()))));
	assert_eq!(lineage("Not detected"), Ok((Outcome::Negative, None)));
	assert_eq!(
		lineage("Detected"),
		Err("the sequencing found the virus but names no lineage".into())
	);
	assert_eq!(
		lineage("Unassigned"),
		Err("lineage \"Unassigned\" is Pangolin's word for none: it names no lineage".into())
	);
	assert_eq!(
		lineage("B/Victoria"),
		Err("the lineage is an ST value of 10 characters that is not written as Healthnet names \
		     lineages: a Pango lineage or Nextstrain clade (JN.1, 23A), letters and digits in \
		     dot-separated parts"
			.into())
	);
	assert!(lineage(&"A.1".repeat(11)).unwrap_err().contains("1 to 32 ASCII letters"));
	assert_eq!(
		result("CWE|100157-7^^LN||^KP.2^L||||||F", &codes).map(|o| o.lineage),
		Ok(Some("KP.2".into()))
	);
}

#[test]
fn only_production_observation_results_count() {
	let codes = Codes::loinc();
	let obx = "CWE|94500-6^^LN||260373001^^SCT||||||F";
	let training = oru_sent("20261206", obx).replace("|C1|P|", "|C1|T|");
	assert_eq!(
		refusals(&parse(&training, &codes)),
		[(
			1,
			Some("C1"),
			"MSH",
			"processing id T (MSH-11) marks a training message; only production (P) results \
			 are counted"
		)]
	);
	let untyped = oru_sent("20261206", obx).replace("ORU^R01", "");
	assert!(refusals(&parse(&untyped, &codes))[0]
		.3
		.starts_with("the message names no type (MSH-9)"));
	let escaped = oru_sent("20261206", obx).replace("|C1|", "|C\\F\\1|");
	assert!(parse(&escaped, &codes).refusals.is_empty());
	let escaped = escaped.replace("ORU^R01", "ORU^R03");
	assert_eq!(parse(&escaped, &codes).refusals[0].control_id.as_deref(), Some("C|1"));
}

#[test]
fn envelopes_stray_text_and_broken_segments() {
	let codes = Codes::loinc();
	let message = oru_sent("20261206", "CWE|94500-6^^LN||260373001^^SCT||||||F");
	let batch = format!("FHS|^~\\&|LAB\nBHS|^~\\&|LAB\n{message}\nNTE\nBTS|1\nFTS|1\n");
	let parsed = parse(&batch, &codes);
	assert_eq!((parsed.messages, parsed.observations.len()), (1, 1));
	assert!(parsed.refusals.is_empty(), "{:?}", parsed.refusals);
	assert_eq!(parsed.dropped_segments, ["BHS", "BTS", "FHS", "FTS", "NTE", "PID"]);

	let stray = parse(&format!("Patient list follows\n{message}"), &codes);
	assert_eq!(stray.messages, 2);
	assert_eq!(
		refusals(&stray),
		[(1, None, "line 1", "text before the first MSH segment is not an HL7 message")]
	);
	let broken = message.replace("OBR|", "Call Dr. Welby\rOBR|");
	assert_eq!(
		refusals(&parse(&broken, &codes)),
		[(
			1,
			Some("C1"),
			"line 3",
			"segment 3 of the message is not an HL7 segment: a three-letter name, then fields \
			 separated by |"
		)]
	);
	assert_eq!(
		refusals(&parse("MSH|^~\n", &codes)),
		[(1, None, "MSH", "the MSH segment does not name the message's separators (MSH|^~\\&|)")]
	);
	// A message with no result and nothing wrong adds nothing.
	let silent = parse(&message.replace("\rOBX|", "\rNTE|"), &codes);
	assert_eq!((silent.messages, silent.observations.len(), silent.refusals.len()), (1, 0, 0));
}

#[test]
fn text_that_is_not_ascii_is_refused_without_harm() {
	let codes = Codes::loinc();
	let message = oru_sent("20261206", "ST|94500-6^^LN||Détecté \\T\\ éé\\F\\x||||||F")
		.replace("DOE^JANE", "DOË^ZOË");
	let parsed = parse(&message, &codes);
	assert_eq!(parsed.refusals.len(), 1);
	assert_eq!(
		parsed.refusals[0].reason,
		"the result is an ST value of 18 characters that this gateway reads as none of \
		 positive, negative and invalid"
	);
	assert!(!format!("{parsed:?}").contains("ZOË"));
}

#[test]
fn one_specimen_is_one_test_per_disease_and_kind() {
	let codes = Codes::loinc();
	let panel = [
		// One specimen: Flu A not detected on the 6th, Flu B detected on the 5th, and RSV.
		"CWE|85477-8^^LN||260415000^^SCT||||||F|||20261206",
		"OBX|2|CWE|85478-6^^LN||260373001^^SCT||||||F|||20261205",
		"OBX|3|CWE|85479-4^^LN||260415000^^SCT||||||F|||20261206",
		// A second specimen: invalid beside not detected is a negative.
		"OBR|2|||X^X^L|||20261207",
		"OBX|4|CWE|85477-8^^LN||455371000124106^^SCT||||||F",
		"OBX|5|CWE|85478-6^^LN||260415000^^SCT||||||F",
		// A third: invalid beside inconclusive is invalid.
		"OBR|3|||X^X^L|||20261207",
		"OBX|6|CWE|85477-8^^LN||455371000124106^^SCT||||||F",
		"OBX|7|CWE|85478-6^^LN||419984006^^SCT||||||F",
	]
	.join("\r");
	let parsed = parse(&oru_sent("20261206", &panel), &codes);
	let found: Vec<_> =
		parsed.observations.iter().map(|o| (o.day, o.disease.as_str(), o.outcome)).collect();
	assert_eq!(
		found,
		[
			(DEC_5, "1E30", Outcome::Positive),
			(DEC_6, "CA40.11", Outcome::Negative),
			(DEC_7, "1E30", Outcome::Negative),
			(DEC_7, "1E30", Outcome::Invalid),
		]
	);
	// One specimen sequenced: the first lineage named is its lineage.
	let runs = [
		"ST|96895-8^^LN||Not detected||||||F",
		"OBX|2|ST|96895-8^^LN||JN.1||||||F",
		"OBX|3|CWE|100157-7^^LN||KP.2^^L||||||F",
	]
	.join("\r");
	let parsed = parse(&oru_sent("20261206", &runs), &codes);
	let found: Vec<_> =
		parsed.observations.iter().map(|o| (o.day, o.outcome, o.lineage.as_deref())).collect();
	assert_eq!(found, [(DEC_6, Outcome::Positive, Some("JN.1"))]);
}

#[test]
fn a_corrected_result_is_refused_as_its_final_one_counted() {
	assert_eq!(
		outcome("CWE|94500-6^^LN||260415000^Not detected^SCT||||||C"),
		Err("result status C marks a corrected result: the final result it corrects was \
		     counted already, and the chain keeps no way to take a count back; only final (F) \
		     results count"
			.into())
	);
}

#[test]
fn no_text_a_sender_wrote_reaches_the_output() {
	let codes = Codes::loinc();
	let message = |obx: &str| oru_sent("20261206", obx);
	let input = [
		"DOE^JANE 4815162342\n".to_string(),
		message("ST|94500-6^^LN||Positive 4815162342 DOE^JANE||||||F"),
		message("ST|96895-8^^LN||DOE JANE||||||F"),
		message("CWE|96895-8^^LN||DOE JANE^^L||||||F"),
		message("CWE|DOE JANE^^L||260373001^^SCT||||||F"),
		message("CWE|94500-6^^LN||260373001^^SCT||||||F|||JANE DOE"),
		message("CWE|94500-6^^LN||260373001^^SCT||||||JANE"),
		message("CWE|94500-6^^LN||260373001^^SCT||||||F").replace("OBR|", "DOE JANE\rOBR|"),
	]
	.concat();
	let parsed = parse(&input, &codes);
	assert_eq!((parsed.messages, parsed.observations.len(), parsed.refusals.len()), (8, 0, 8));
	let output = format!("{parsed:?}");
	for detail in ["4815162342", "DOE", "JANE"] {
		assert!(!output.contains(detail), "{detail} reached the output: {output}");
	}
	let not_a_name = "that is not a lineage name: 1 to 32 ASCII letters, digits, '.', '-' and '/'";
	assert_eq!(
		parsed.refusals.iter().map(|r| r.reason.as_str()).collect::<Vec<_>>(),
		[
			"text before the first MSH segment is not an HL7 message",
			"the result is an ST value of 28 characters that this gateway reads as none of \
			 positive, negative and invalid",
			&format!("the lineage is an ST value of 8 characters {not_a_name}"),
			&format!(
				"the lineage is a CWE value of 11 characters coded [8 characters] (L) {not_a_name}"
			),
			"observation code [8 characters] (L) is not a test this gateway counts",
			"the observation time (OBX-14), 8 characters, is not an HL7 time \
			 (YYYYMMDD[HHMM[SS]][+/-ZZZZ])",
			"the status (OBX-11) is not one of HL7's; only final (F) results count",
			"segment 3 of the message is not an HL7 segment: a three-letter name, then fields \
			 separated by |",
		]
	);
	assert_eq!(
		parsed.refusals.iter().map(|r| r.segment.as_str()).collect::<Vec<_>>(),
		["line 1", "OBX[1]", "OBX[1]", "OBX[1]", "OBX[1]", "OBX[1]", "OBX[1]", "line 3"]
	);
}

#[test]
fn the_day_is_the_run_day_else_the_observation_or_the_order_day() {
	let codes = Codes::loinc();
	let day = |obx: &str| result(obx, &codes).map(|o| o.day);
	// Observed (collected) on the 5th, run on the 7th; the order (OBR-7) is of the 6th.
	let value = "CWE|94500-6^^LN||260373001^^SCT||||||F";
	assert_eq!(day(&format!("{value}|||20261205|||||20261207")), Ok(DEC_7));
	assert_eq!(day(&format!("{value}|||20261205")), Ok(DEC_5));
	assert_eq!(day(&format!("{value}||||||||20261207")), Ok(DEC_7));
	assert_eq!(day(value), Ok(DEC_6));
	// An unreadable time is refused, never passed over for the next.
	assert_eq!(
		day(&format!("{value}|||20261205|||||2026-12-07")),
		Err("the analysis time (OBX-19), 10 characters, is not an HL7 time \
		     (YYYYMMDD[HHMM[SS]][+/-ZZZZ])"
			.into())
	);
}

#[test]
fn long_runs_of_line_breaks_are_split_in_one_pass() {
	let codes = Codes::loinc();
	assert_eq!(parse(&"\n".repeat(1_000_000), &codes), Parsed::default());
	let message = oru_sent("20261206", "CWE|94500-6^^LN||260373001^^SCT||||||F");
	let parsed = parse(&format!("{}{message}", "\r\n".repeat(200_000)), &codes);
	assert_eq!((parsed.messages, parsed.observations.len()), (1, 1));
	let spaced = message.replace('\r', &"\n".repeat(100_000));
	assert_eq!(parse(&spaced, &codes), parse(&message, &codes));
}
