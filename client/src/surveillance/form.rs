//! A facility's form: its reports of several diseases for one period, sent as one transaction
//! (`submit_reports`), written as CSV the way a clinic's weekly notification sheet is kept.
//!
//! The CSV has a header row naming its columns: `disease` (required), and any of `suspected`,
//! `confirmed`, `deaths`, `recovered`, `hospitalised`, `tests_performed`, `tests_positive` and
//! `variants`; a column left out counts 0. Names match without regard to case, `-` or `_`.
//! `variants` holds `NAME=COUNT` pairs separated by spaces or `;`. Blank lines and lines that
//! start with `#` are skipped. Values are codes and whole numbers, so no field is quoted.

use healthnet_primitives::surveillance::Period;

use super::{bounded_variants, variants};
use crate::{
	api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			healthnet_primitives::surveillance::Counts,
			pallet_surveillance::types::FormEntry as ChainEntry,
		},
	},
	Error,
};

/// The most diseases one form holds: the runtime's `MaxDiseasesPerForm`.
pub const MAX_DISEASES_PER_FORM: usize = 32;

/// One disease of a form.
#[derive(Clone, Debug, PartialEq)]
pub struct FormEntry {
	/// The disease code, such as RA01.
	pub disease: String,
	/// Its counts.
	pub counts: Counts,
	/// Confirmed cases per variant or lineage.
	pub variants: Vec<(Vec<u8>, u32)>,
}

/// A facility reports the diseases of `entries` for `period` in one transaction: each is taken
/// as its own first version, by the rules of a single report, and if one is refused none is.
pub fn submit_reports(period: Period, entries: Vec<FormEntry>) -> impl subxt::tx::Payload {
	let entries = entries
		.into_iter()
		.map(|entry| ChainEntry {
			disease: BoundedVec(entry.disease.into_bytes()),
			counts: entry.counts,
			variants: bounded_variants(entry.variants),
		})
		.collect();
	api::tx().surveillance().submit_reports(period, BoundedVec(entries))
}

/// The columns a form may have, as their names read once case, `-` and `_` are set aside.
const COLUMNS: [&str; 9] = [
	"disease",
	"suspected",
	"confirmed",
	"deaths",
	"recovered",
	"hospitalised",
	"testsperformed",
	"testspositive",
	"variants",
];

/// A column's name as it is compared: lowercase, without `-` and `_`.
fn plain(name: &str) -> String {
	name.trim().chars().filter(|c| *c != '-' && *c != '_').flat_map(char::to_lowercase).collect()
}

/// Reads a facility's form from CSV (see the module's documentation).
pub fn read_form(csv: &str) -> Result<Vec<FormEntry>, Error> {
	let mut rows = csv
		.lines()
		.enumerate()
		.map(|(index, line)| (index + 1, line.trim()))
		.filter(|(_, line)| !line.is_empty() && !line.starts_with('#'));
	let (_, header) =
		rows.next().ok_or_else(|| Error::BadInput("the form has no header row".into()))?;
	let mut columns = Vec::new();
	for name in header.split(',') {
		let position =
			COLUMNS.iter().position(|column| *column == plain(name)).ok_or_else(|| {
				Error::BadInput(format!(
					"the form's column \"{}\" is none of disease, suspected, confirmed, deaths, \
				 recovered, hospitalised, tests_performed, tests_positive and variants",
					name.trim()
				))
			})?;
		if columns.contains(&position) {
			return Err(Error::BadInput(format!("the form names column {} twice", name.trim())));
		}
		columns.push(position);
	}
	if !columns.contains(&0) {
		return Err(Error::BadInput("the form has no disease column".into()));
	}
	let mut entries: Vec<FormEntry> = Vec::new();
	for (line, row) in rows {
		if row.contains('"') {
			return Err(Error::BadInput(format!(
				"line {line} of the form quotes a field: no value needs quotes"
			)));
		}
		let fields: Vec<&str> = row.split(',').map(str::trim).collect();
		if fields.len() != columns.len() {
			return Err(Error::BadInput(format!(
				"line {line} of the form has {} fields, its header {}",
				fields.len(),
				columns.len()
			)));
		}
		let mut entry = FormEntry {
			disease: String::new(),
			counts: super::counts(0, 0, 0, 0, 0, 0, 0),
			variants: Vec::new(),
		};
		for (column, field) in columns.iter().zip(fields) {
			let number = || {
				if field.is_empty() {
					return Ok(0);
				}
				field.parse::<u32>().map_err(|_| {
					Error::BadInput(format!(
						"line {line} of the form: {field} in column {} is not a whole number",
						COLUMNS[*column]
					))
				})
			};
			match column {
				0 => entry.disease = field.to_string(),
				1 => entry.counts.suspected = number()?,
				2 => entry.counts.confirmed = number()?,
				3 => entry.counts.deaths = number()?,
				4 => entry.counts.recovered = number()?,
				5 => entry.counts.hospitalised = number()?,
				6 => entry.counts.tests_performed = number()?,
				7 => entry.counts.tests_positive = number()?,
				_ => {
					let pairs: Vec<String> = field
						.split([';', ' '])
						.filter(|pair| !pair.is_empty())
						.map(String::from)
						.collect();
					entry.variants = variants(&pairs)?;
				},
			}
		}
		if entry.disease.is_empty() {
			return Err(Error::BadInput(format!("line {line} of the form names no disease")));
		}
		if entries.iter().any(|earlier| earlier.disease == entry.disease) {
			return Err(Error::BadInput(format!(
				"line {line} of the form reports {} a second time",
				entry.disease
			)));
		}
		entries.push(entry);
	}
	if entries.is_empty() {
		return Err(Error::BadInput("the form reports no disease".into()));
	}
	if entries.len() > MAX_DISEASES_PER_FORM {
		return Err(Error::BadInput(format!(
			"the form reports {} diseases; one form takes at most {MAX_DISEASES_PER_FORM}",
			entries.len()
		)));
	}
	Ok(entries)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_form_reads_each_disease_with_its_counts_and_lineages() {
		let form = read_form(
			"# Jayanagar, week 49\n\
			 Disease, Confirmed, Tests-Performed, tests_positive, variants\n\
			 RA01, 5, 20, 5, JN.1=3;XBB.1.5=1\n\
			 \n\
			 1F40, 2, , , \n",
		)
		.unwrap();
		assert_eq!(form.len(), 2);
		assert_eq!(form[0].disease, "RA01");
		assert_eq!(
			(
				form[0].counts.confirmed,
				form[0].counts.tests_performed,
				form[0].counts.tests_positive
			),
			(5, 20, 5)
		);
		assert_eq!(form[0].variants, vec![(b"JN.1".to_vec(), 3), (b"XBB.1.5".to_vec(), 1)]);
		assert_eq!((form[1].disease.as_str(), form[1].counts.confirmed), ("1F40", 2));
		assert_eq!(form[1].counts.deaths, 0);
	}

	#[test]
	fn a_form_that_does_not_read_is_refused_with_a_sentence() {
		let refused = |csv: &str| read_form(csv).unwrap_err().to_string();
		assert!(refused("").contains("no header row"));
		assert!(refused("disease,cases\nRA01,3").contains("\"cases\" is none of"));
		assert!(refused("confirmed\n3").contains("no disease column"));
		assert!(refused("disease,confirmed\nRA01,three").contains("line 2"));
		assert!(refused("disease,confirmed\nRA01,3,4").contains("has 3 fields"));
		assert!(refused("disease,confirmed\nRA01,3\nRA01,4").contains("a second time"));
		assert!(refused("disease,confirmed\n\"RA01\",3").contains("quotes"));
		assert!(refused("disease\n").contains("no disease"));
		let many: String = (0..33)
			.map(|n| format!("D{n:03}\n"))
			.fold("disease\n".to_string(), |all, row| all + &row);
		assert!(refused(&many).contains("at most 32"));
	}
}
