//! Every call of the Healthnet pallets and of the council, built from plain Rust values. The
//! words people type for kinds, capabilities, roles, severities and rejection reasons are
//! read here too, so that a typo is refused before anything is sent.

use subxt::utils::{AccountId32, H256};

use crate::{
	api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			healthnet_primitives::{
				registry::Capabilities,
				surveillance::{Counts, RejectionReason},
			},
			healthnet_runtime::RuntimeCall,
			pallet_registry::types::{OrgKind, Role},
			pallet_surveillance::types::{GuidanceTarget, Severity},
		},
	},
	Error,
};
use healthnet_primitives::{surveillance::Period, Capability, ClusterId, OrgId};

/// Looks `word` up among `choices` (compared without case, `-` and `_`), or says which words
/// are accepted.
fn choose<T: Clone>(what: &str, word: &str, choices: &[(&str, T)]) -> Result<T, Error> {
	let canonical = |s: &str| s.to_lowercase().replace(['-', '_'], "");
	choices
		.iter()
		.find(|(name, _)| canonical(name) == canonical(word))
		.map(|(_, value)| value.clone())
		.ok_or_else(|| {
			let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
			Error::BadInput(format!("{word} is not a {what}; give one of: {}", names.join(", ")))
		})
}

/// An organisation kind: `global-authority`, `national-authority`, `regional-authority`,
/// `local-authority`, `hospital`, `clinic`, `nursing-home`, `laboratory`, `manufacturer`,
/// `distributor`, `warehouse`, `research-institute`.
pub fn kind(word: &str) -> Result<OrgKind, Error> {
	choose(
		"kind of organisation",
		word,
		&[
			("global-authority", OrgKind::GlobalAuthority),
			("national-authority", OrgKind::NationalAuthority),
			("regional-authority", OrgKind::RegionalAuthority),
			("local-authority", OrgKind::LocalAuthority),
			("hospital", OrgKind::Hospital),
			("clinic", OrgKind::Clinic),
			("nursing-home", OrgKind::NursingHome),
			("laboratory", OrgKind::Laboratory),
			("manufacturer", OrgKind::Manufacturer),
			("distributor", OrgKind::Distributor),
			("warehouse", OrgKind::Warehouse),
			("research-institute", OrgKind::ResearchInstitute),
		],
	)
}

/// The capability names, in bit order, as the CLI spells them.
pub const CAPABILITY_NAMES: [(&str, Capability); 6] = [
	("report-cases", Capability::ReportCases),
	("issue-certificates", Capability::IssueCertificates),
	("hold-stock", Capability::HoldStock),
	("manufacture", Capability::Manufacture),
	("read-research-data", Capability::ReadResearchData),
	("provide-care", Capability::ProvideCare),
];

/// The set of capabilities named in `words`.
pub fn capabilities(words: &[String]) -> Result<Capabilities, Error> {
	let mut bits = 0u16;
	for word in words {
		bits |= choose("capability", word, &CAPABILITY_NAMES)? as u16;
	}
	Ok(Capabilities(bits))
}

/// The names of the capabilities in `capabilities`.
pub fn capability_names(capabilities: &Capabilities) -> Vec<&'static str> {
	CAPABILITY_NAMES
		.iter()
		.filter(|(_, capability)| capabilities.0 & *capability as u16 != 0)
		.map(|(name, _)| *name)
		.collect()
}

/// A member role: `admin` or `operator`.
pub fn role(word: &str) -> Result<Role, Error> {
	choose("role", word, &[("admin", Role::Admin), ("operator", Role::Operator)])
}

/// A guidance severity: `information`, `advisory`, `warning`, `emergency`.
pub fn severity(word: &str) -> Result<Severity, Error> {
	choose(
		"severity",
		word,
		&[
			("information", Severity::Information),
			("advisory", Severity::Advisory),
			("warning", Severity::Warning),
			("emergency", Severity::Emergency),
		],
	)
}

/// Why an authority rejects a report: `incomplete-counts`, `implausible-counts`,
/// `wrong-disease`, `wrong-period`, `duplicate`.
pub fn rejection_reason(word: &str) -> Result<RejectionReason, Error> {
	choose(
		"rejection reason",
		word,
		&[
			("incomplete-counts", RejectionReason::IncompleteCounts),
			("implausible-counts", RejectionReason::ImplausibleCounts),
			("wrong-disease", RejectionReason::WrongDisease),
			("wrong-period", RejectionReason::WrongPeriod),
			("duplicate", RejectionReason::Duplicate),
		],
	)
}

/// Reads `NAME=COUNT` variant counts, such as `JN.1=4`.
pub fn variants(pairs: &[String]) -> Result<Vec<(Vec<u8>, u32)>, Error> {
	pairs
		.iter()
		.map(|pair| {
			let (name, count) = pair.split_once('=').ok_or_else(|| {
				Error::BadInput(format!("{pair} is not a variant count; write it as NAME=COUNT"))
			})?;
			let count = count.parse().map_err(|_| {
				Error::BadInput(format!("{count} in {pair} is not a whole number of cases"))
			})?;
			Ok((name.as_bytes().to_vec(), count))
		})
		.collect()
}

/// The calls of the registry pallet.
pub mod registry {
	use super::*;

	/// Council only (propose it with [`super::council::propose`]): registers a global or
	/// national authority.
	pub fn register_authority(
		kind: OrgKind,
		name: &str,
		region: &str,
		admin: AccountId32,
	) -> RuntimeCall {
		RuntimeCall::Registry(
			api::runtime_types::pallet_registry::pallet::Call::register_authority {
				kind,
				name: name.as_bytes().to_vec(),
				region: region.as_bytes().to_vec(),
				admin,
			},
		)
	}

	/// An authority registers an organisation in its region, optionally into a cluster.
	pub fn register_organisation(
		kind: OrgKind,
		name: &str,
		region: &str,
		capabilities: Capabilities,
		admin: AccountId32,
		cluster: Option<ClusterId>,
	) -> impl subxt::tx::Payload {
		api::tx().registry().register_organisation(
			kind,
			name.as_bytes().to_vec(),
			region.as_bytes().to_vec(),
			capabilities,
			admin,
			cluster,
		)
	}

	/// An authority suspends an organisation in its region: its accounts lose every right.
	pub fn suspend_organisation(org: OrgId) -> impl subxt::tx::Payload {
		api::tx().registry().suspend_organisation(org)
	}

	/// An authority reinstates a suspended organisation in its region.
	pub fn reinstate_organisation(org: OrgId) -> impl subxt::tx::Payload {
		api::tx().registry().reinstate_organisation(org)
	}

	/// An organisation's admin adds a member account.
	pub fn add_member(account: AccountId32, role: Role) -> impl subxt::tx::Payload {
		api::tx().registry().add_member(account, role)
	}

	/// An organisation's admin removes a member account.
	pub fn remove_member(account: AccountId32) -> impl subxt::tx::Payload {
		api::tx().registry().remove_member(account)
	}

	/// An authority creates a cluster in its region, coordinated by `coordinator`.
	pub fn create_cluster(name: &str, region: &str, coordinator: OrgId) -> impl subxt::tx::Payload {
		api::tx().registry().create_cluster(
			name.as_bytes().to_vec(),
			region.as_bytes().to_vec(),
			coordinator,
		)
	}

	/// An authority adds a facility to a cluster.
	pub fn add_to_cluster(cluster: ClusterId, org: OrgId) -> impl subxt::tx::Payload {
		api::tx().registry().add_to_cluster(cluster, org)
	}

	/// An authority takes a facility out of its cluster.
	pub fn remove_from_cluster(org: OrgId) -> impl subxt::tx::Payload {
		api::tx().registry().remove_from_cluster(org)
	}
}

/// The calls of the surveillance pallet.
pub mod surveillance {
	use super::*;

	/// A facility's counts of one disease and period.
	pub fn counts(
		suspected: u32,
		confirmed: u32,
		deaths: u32,
		recovered: u32,
		hospitalised: u32,
		tests_performed: u32,
		tests_positive: u32,
	) -> Counts {
		Counts {
			suspected,
			confirmed,
			deaths,
			recovered,
			hospitalised,
			tests_performed,
			tests_positive,
		}
	}

	/// A facility reports its counts of `disease` for `period`.
	pub fn submit_report(
		disease: &str,
		period: Period,
		counts: Counts,
		variants: Vec<(Vec<u8>, u32)>,
	) -> impl subxt::tx::Payload {
		api::tx().surveillance().submit_report(
			disease.as_bytes().to_vec(),
			period,
			counts,
			variants,
		)
	}

	/// A facility replaces the counts of its report; the aggregates move by the difference.
	pub fn amend_report(
		org: OrgId,
		disease: &str,
		period: Period,
		counts: Counts,
		variants: Vec<(Vec<u8>, u32)>,
	) -> impl subxt::tx::Payload {
		api::tx().surveillance().amend_report(
			org,
			disease.as_bytes().to_vec(),
			period,
			counts,
			variants,
		)
	}

	/// The facility's authority approves its report.
	pub fn approve_report(org: OrgId, disease: &str, period: Period) -> impl subxt::tx::Payload {
		api::tx().surveillance().approve_report(org, disease.as_bytes().to_vec(), period)
	}

	/// The facility's authority rejects its report for `reason`.
	pub fn reject_report(
		org: OrgId,
		disease: &str,
		period: Period,
		reason: RejectionReason,
	) -> impl subxt::tx::Payload {
		api::tx().surveillance().reject_report(org, disease.as_bytes().to_vec(), period, reason)
	}

	/// The facility's authority re-opens an approved report for amendment.
	pub fn reopen_report(org: OrgId, disease: &str, period: Period) -> impl subxt::tx::Payload {
		api::tx().surveillance().reopen_report(org, disease.as_bytes().to_vec(), period)
	}

	/// An authority sets (0: removes) the daily confirmed cases of `disease` in `region` that
	/// raise an outbreak alert.
	pub fn set_threshold(region: &str, disease: &str, confirmed: u32) -> impl subxt::tx::Payload {
		api::tx().surveillance().set_threshold(
			region.as_bytes().to_vec(),
			disease.as_bytes().to_vec(),
			confirmed,
		)
	}

	/// Whom guidance addresses: the facilities of a region, or of a cluster.
	pub fn target(
		region: Option<&str>,
		cluster: Option<ClusterId>,
	) -> Result<GuidanceTarget, Error> {
		match (region, cluster) {
			(Some(region), None) => {
				Ok(GuidanceTarget::Region(BoundedVec(region.as_bytes().to_vec())))
			},
			(None, Some(cluster)) => Ok(GuidanceTarget::Cluster(cluster)),
			_ => Err(Error::BadInput(
				"guidance addresses either a region or a cluster: give exactly one of them".into(),
			)),
		}
	}

	/// An authority publishes guidance: the document stays off chain at `uri`, its hash here.
	pub fn publish_guidance(
		content_hash: H256,
		uri: &str,
		target: GuidanceTarget,
		disease: Option<&str>,
		severity: Severity,
	) -> impl subxt::tx::Payload {
		api::tx().surveillance().publish_guidance(
			content_hash,
			uri.as_bytes().to_vec(),
			target,
			disease.map(|d| d.as_bytes().to_vec()),
			severity,
		)
	}

	/// A facility the guidance addresses acknowledges it.
	pub fn acknowledge_guidance(guidance: u32) -> impl subxt::tx::Payload {
		api::tx().surveillance().acknowledge_guidance(guidance)
	}
}

/// The calls of the validators pallet; each is council only.
pub mod validators {
	use super::*;

	/// Adds a validator (its operator must have set its session keys).
	pub fn add_validator(validator: AccountId32) -> RuntimeCall {
		RuntimeCall::Validators(
			api::runtime_types::pallet_validators::pallet::Call::add_validator { validator },
		)
	}

	/// Removes a validator.
	pub fn remove_validator(validator: AccountId32) -> RuntimeCall {
		RuntimeCall::Validators(
			api::runtime_types::pallet_validators::pallet::Call::remove_validator { validator },
		)
	}

	/// Authorizes a runtime upgrade to the code whose hash is `code_hash`.
	pub fn authorize_upgrade(code_hash: H256) -> RuntimeCall {
		RuntimeCall::Validators(
			api::runtime_types::pallet_validators::pallet::Call::authorize_upgrade { code_hash },
		)
	}

	/// A validator's operator sets its session keys: `keys` and `proof` as
	/// `author_rotateKeysWithOwner` returned them for the validator's account.
	pub fn set_keys(keys: &[u8], proof: Vec<u8>) -> Result<impl subxt::tx::Payload, Error> {
		use codec::Decode;
		let keys = api::runtime_types::healthnet_runtime::SessionKeys::decode(&mut &keys[..])
			.ok()
			.filter(|_| keys.len() == 64)
			.ok_or_else(|| {
				Error::BadInput(
					"the session keys are not an Aura and a GRANDPA key (64 bytes, as \
					 author_rotateKeysWithOwner returns them)"
						.into(),
				)
			})?;
		Ok(api::tx().session().set_keys(keys, proof))
	}
}

/// The council's own calls.
pub mod council {
	use super::*;

	/// The largest encoded call a motion carries; Healthnet's council calls are small.
	pub const LENGTH_BOUND: u32 = 10_000;

	/// A council member proposes `call`; it executes once `threshold` members voted aye (at
	/// once when `threshold` is 1).
	pub fn propose(threshold: u32, call: RuntimeCall) -> Result<impl subxt::tx::Payload, Error> {
		if threshold == 0 {
			return Err(Error::BadInput("a motion's threshold is at least 1".into()));
		}
		Ok(api::tx().council().propose(threshold, call, LENGTH_BOUND))
	}

	/// A council member votes on the motion `hash` with index `index`.
	pub fn vote(hash: H256, index: u32, aye: bool) -> impl subxt::tx::Payload {
		api::tx().council().vote(hash, index, aye)
	}

	/// Anyone on the council closes a motion that has its votes (or whose time is up).
	pub fn close(hash: H256, index: u32) -> impl subxt::tx::Payload {
		let weight = api::runtime_types::sp_weights::weight_v2::Weight {
			ref_time: 100_000_000_000,
			proof_size: 1_000_000,
		};
		api::tx().council().close(hash, index, weight, LENGTH_BOUND)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn words_are_read_without_regard_to_case_or_dashes() {
		assert_eq!(kind("Nursing_Home").unwrap(), OrgKind::NursingHome);
		assert_eq!(
			capabilities(&["report-cases".into(), "HOLD_STOCK".into()]).unwrap().0,
			Capability::ReportCases as u16 | Capability::HoldStock as u16
		);
		assert_eq!(capability_names(&Capabilities(0b101)), ["report-cases", "hold-stock"]);
		assert_eq!(severity("warning").unwrap(), Severity::Warning);
		assert_eq!(rejection_reason("wrong-period").unwrap(), RejectionReason::WrongPeriod);
		assert_eq!(variants(&["JN.1=4".into()]).unwrap(), vec![(b"JN.1".to_vec(), 4)]);
	}

	#[test]
	fn a_typo_is_answered_with_the_accepted_words() {
		let error = kind("hospitl").unwrap_err().to_string();
		assert!(error.contains("hospitl is not a kind of organisation"), "{error}");
		assert!(error.contains("hospital, clinic"), "{error}");
		assert!(variants(&["JN.1:4".into()]).is_err());
		assert!(council::propose(0, validators::remove_validator(AccountId32([0; 32]))).is_err());
		assert!(surveillance::target(Some("IN"), Some(0)).is_err());
	}
}
