//! An [`Export`] as FHIR R4: a `Bundle` of type `collection` holding one `MeasureReport` per
//! row, in the shape of the HL7 SANER implementation guide's summary measure reports: the
//! subject is the region or cluster, the reporter the authority that answers for it, the
//! period the day, and one group per count (each with its population count and measure
//! score), plus the number of reports and the completeness and timeliness of reporting. The
//! finalized block the figures were read at is the bundle's identifier.

use serde_json::{json, Value};

use crate::{
	export::{Export, Row, Unit},
	period,
};

/// The code system of the groups' codes: Healthnet's names of its counts.
const GROUP_SYSTEM: &str = "urn:healthnet:measure-group";
/// FHIR's code system of measure populations.
const POPULATION_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/measure-population";

impl Export {
	/// The export as a FHIR R4 `Bundle` of `MeasureReport` resources, dated `now` (Unix
	/// seconds).
	pub fn to_fhir(&self, now: u64) -> Value {
		let date = instant(now);
		let entries: Vec<Value> = self
			.rows
			.iter()
			.map(|row| {
				let report = self.measure_report(row, &date);
				json!({
					"fullUrl": format!("urn:healthnet:measure-report:{}", report["id"].as_str().unwrap_or_default()),
					"resource": report,
				})
			})
			.collect();
		json!({
			"resourceType": "Bundle",
			"type": "collection",
			"identifier": {
				"system": "urn:healthnet:finalized-block",
				"value": format!("{:?}", self.block),
			},
			"timestamp": date,
			"total": entries.len(),
			"entry": entries,
		})
	}

	fn measure_report(&self, row: &Row, date: &str) -> Value {
		let day = period::date(row.period);
		let (id, subject) = match &row.unit {
			Unit::Region(code) if code.is_empty() => {
				(format!("world-{}-{day}", self.disease), json!({ "display": "the world" }))
			},
			Unit::Region(code) => (
				format!("region-{code}-{}-{day}", self.disease),
				json!({
					"identifier": { "system": "urn:healthnet:region", "value": code },
					"display": if row.name.is_empty() { code.clone() } else { row.name.clone() },
				}),
			),
			Unit::Cluster(cluster, _) => (
				format!("cluster-{cluster}-{}-{day}", self.disease),
				json!({
					"identifier": { "system": "urn:healthnet:cluster", "value": cluster.to_string() },
					"display": row.name,
				}),
			),
		};
		let t = &row.totals;
		let mut groups: Vec<Value> = [
			("suspected", "Suspected cases", t.suspected),
			("confirmed", "Confirmed cases", t.confirmed),
			("deaths", "Deaths", t.deaths),
			("recovered", "Recoveries", t.recovered),
			("hospitalised", "Hospital admissions", t.hospitalised),
			("tests-performed", "Tests performed", t.tests_performed),
			("tests-positive", "Positive tests", t.tests_positive),
			("reports", "Facility reports counted", u64::from(t.reports)),
		]
		.into_iter()
		.map(|(code, display, count)| {
			json!({
				"code": coding(code, display),
				"population": [population("initial-population", count)],
				"measureScore": { "value": count },
			})
		})
		.collect();
		for (code, display, numerator, score) in [
			("completeness", "Expected facilities that reported", row.reported, row.completeness()),
			(
				"timeliness",
				"Expected facilities that reported in time",
				row.on_time,
				row.timeliness(),
			),
		] {
			let mut group = json!({
				"code": coding(code, display),
				"population": [
					population("denominator", u64::from(row.expected)),
					population("numerator", u64::from(numerator)),
				],
			});
			if let Some(score) = score {
				group["measureScore"] = json!({ "value": score, "unit": "1" });
			}
			groups.push(group);
		}
		let mut report = json!({
			"resourceType": "MeasureReport",
			"id": id,
			"status": "complete",
			"type": "summary",
			"measure": format!("urn:healthnet:measure:cases:{}", self.disease),
			"subject": subject,
			"date": date,
			"period": { "start": day, "end": day },
			"group": groups,
		});
		if let Some((org, name)) = &row.reporter {
			report["reporter"] = json!({
				"identifier": { "system": "urn:healthnet:organisation", "value": org.to_string() },
				"display": name,
			});
		}
		report
	}
}

fn coding(code: &str, display: &str) -> Value {
	json!({ "coding": [{ "system": GROUP_SYSTEM, "code": code, "display": display }], "text": display })
}

fn population(code: &str, count: u64) -> Value {
	json!({ "code": { "coding": [{ "system": POPULATION_SYSTEM, "code": code }] }, "count": count })
}

/// `now` (Unix seconds) as a FHIR instant, `YYYY-MM-DDThh:mm:ssZ`.
fn instant(now: u64) -> String {
	let seconds = now % 86_400;
	format!(
		"{}T{:02}:{:02}:{:02}Z",
		period::date((now / 86_400) as u32),
		seconds / 3_600,
		seconds % 3_600 / 60,
		seconds % 60
	)
}

#[cfg(test)]
mod tests {
	use crate::export::tests::sample;

	/// The definitions of the FHIR R4 JSON schema that a Bundle of MeasureReports uses.
	const SCHEMA: &str = include_str!("../tests/fixtures/fhir-r4-bundle-measurereport.schema.json");

	#[test]
	fn the_bundle_is_valid_fhir_r4() {
		let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
		let validator =
			healthnet_e2e::jsonschema::draft6::new(&schema).expect("the FHIR schema compiles");
		let bundle = sample().to_fhir(1_764_000_000);
		let errors: Vec<String> = validator.iter_errors(&bundle).map(|e| e.to_string()).collect();
		assert!(errors.is_empty(), "{errors:#?}");
		// The validator does refuse a MeasureReport that FHIR does not allow.
		let mut broken = bundle.clone();
		broken["entry"][0]["resource"]["status"] = "finished".into();
		assert!(!validator.is_valid(&broken));
		let mut broken = bundle;
		broken["entry"][0]["resource"]["period"]["start"] = "4 October".into();
		assert!(!validator.is_valid(&broken));
	}

	#[test]
	fn each_row_is_a_measure_report_with_its_counts_and_the_block() {
		let export = sample();
		let bundle = export.to_fhir(1_764_000_000);
		assert_eq!(bundle["identifier"]["value"], format!("{:?}", export.block));
		assert_eq!(bundle["timestamp"], "2025-11-24T16:00:00Z");
		let entries = bundle["entry"].as_array().unwrap();
		assert_eq!(entries.len(), export.rows.len());
		let first = &entries[0]["resource"];
		assert_eq!(first["id"], "region-IN-KA-RA01-2024-10-04");
		assert_eq!(first["period"]["start"], "2024-10-04");
		assert_eq!(first["reporter"]["identifier"]["value"], "2");
		let group = |code: &str| {
			first["group"]
				.as_array()
				.unwrap()
				.iter()
				.find(|g| g["code"]["coding"][0]["code"] == code)
				.cloned()
				.unwrap()
		};
		assert_eq!(group("confirmed")["population"][0]["count"], 7);
		assert_eq!(group("reports")["measureScore"]["value"], 2);
		assert_eq!(group("timeliness")["measureScore"]["value"], 0.5);
		assert_eq!(entries[2]["resource"]["subject"]["identifier"]["value"], "0");
	}
}
