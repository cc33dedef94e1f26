//! The network file: the example makes a spec whose genesis the runtime builds, and every
//! refusal is a sentence.

use super::*;
use sp_runtime::BuildStorage;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/examples/network.toml");

fn example() -> NetworkFile {
	let text = std::fs::read_to_string(EXAMPLE).expect("the example file");
	toml::from_str(&text).expect("the example parses")
}

fn refusal(file: NetworkFile) -> String {
	match spec_of(file) {
		Ok(_) => panic!("the file was accepted"),
		Err(e) => e,
	}
}

fn alice() -> String {
	Sr25519Keyring::Alice.to_account_id().to_ss58check()
}

#[test]
fn the_example_makes_a_closed_spec_whose_genesis_the_runtime_builds() {
	let spec = chain_spec(EXAMPLE).expect("the example is accepted");
	assert_eq!(spec.id(), "healthnet_example");
	assert_eq!(spec.boot_nodes().len(), 1, "the ministry's node");
	let json: serde_json::Value =
		serde_json::from_str(&spec.as_json(false).expect("plain spec")).expect("json");
	let patch = &json["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(patch["validators"]["validators"].as_array().map(Vec::len), Some(4), "{patch}");
	assert_eq!(patch["validators"]["allowedNodes"].as_array().map(Vec::len), Some(4), "{patch}");
	assert_eq!(patch["registry"]["organisations"].as_array().map(Vec::len), Some(5));
	assert_eq!(patch["registry"]["organisations"][2]["parent"], 1, "parents resolved by name");
	assert_eq!(patch["registry"]["organisations"][2]["cluster"], 0);
	// Nobody is funded or empowered but those the file lists: no development account.
	let text = patch.to_string();
	for key in Sr25519Keyring::iter() {
		let account = key.to_account_id();
		assert!(!text.contains(&account.to_ss58check()), "{key:?} in the spec");
	}
	// 3 council members, 4 validators, 5 members, each funded once.
	assert_eq!(patch["balances"]["balances"].as_array().map(Vec::len), Some(12));
	spec.build_storage().expect("the runtime builds the genesis");
}

#[test]
fn a_development_key_is_refused_wherever_it_appears() {
	let mut file = example();
	file.council[1] = alice();
	assert!(refusal(file).contains("council[1]: '5GrwvaEF"), "the council");

	let mut file = example();
	file.validators[2].aura = alice();
	let e = refusal(file);
	assert!(e.contains("validator[2].aura") && e.contains("well-known development key"), "{e}");

	let mut file = example();
	file.validators[0].grandpa = Ed25519Keyring::Bob.public().to_ss58check();
	assert!(refusal(file).contains("validator[0].grandpa"), "a GRANDPA key");

	let mut file = example();
	file.organisations[3].members[0].account =
		Sr25519Keyring::AliceStash.to_account_id().to_ss58check();
	let e = refusal(file);
	assert!(e.contains("organisation \"Kisumu East Health Centre\".members[0]"), "{e}");
}

#[test]
fn names_references_and_keys_are_checked_with_a_sentence() {
	let mut file = example();
	file.organisations[1].parent = Some("Kisumu East Health Centre".into());
	let e = refusal(file);
	assert!(e.contains("must be listed before it"), "{e}");

	let mut file = example();
	file.organisations[3].cluster = Some("Kisumu West".into());
	assert!(refusal(file).contains("its cluster \"Kisumu West\" is no [[cluster]]"));

	let mut file = example();
	file.organisations[4].name = "Kisumu East Health Centre".into();
	assert!(refusal(file).contains("two organisations are named \"Kisumu East Health Centre\""));

	let mut file = example();
	file.organisations[2].region = "ke-42".into();
	assert!(refusal(file).contains("is not a region code"));
	let mut file = example();
	file.organisations[2].region = "KE-42-1-2-3-4".into();
	let e = refusal(file);
	assert!(e.contains("TooDeep") && e.contains("up to 4 uppercase"), "{e}");

	let mut file = example();
	file.validators[3].peer_id = None;
	let e = refusal(file);
	assert!(e.contains("validator[3] has no peer_id"), "{e}");

	let mut file = example();
	file.validators[1].peer_id = Some("12D3KooWnot-a-peer".into());
	assert!(refusal(file).contains("validator[1].peer_id"));

	let mut file = example();
	file.validators[1].account = "5Hzz".into();
	assert!(refusal(file).contains("validator[1].account: '5Hzz' is not an SS58"));

	let mut file = example();
	file.organisations[0].members[0].roles = vec![Role::Reviewer];
	assert!(refusal(file).contains("first member must hold the Admin role"));

	let mut file = example();
	file.organisations[4].members[0].account = file.organisations[3].members[0].account.clone();
	assert!(refusal(file).contains("already a member of an organisation"));

	let mut file = example();
	file.network.bootnodes = vec!["/dns/node.example/tcp/30333".into()];
	assert!(refusal(file).contains("network.bootnodes[0]"), "no peer id");

	let mut file = example();
	file.validators.clear();
	assert!(refusal(file).contains("no [[validator]]"));
}

#[test]
fn unknown_fields_and_malformed_files_are_refused_before_anything_is_made() {
	let text = std::fs::read_to_string(EXAMPLE).expect("the example file");
	let typo = text.replace("endowment = 1000", "endowmnet = 1000");
	let e = toml::from_str::<NetworkFile>(&typo).expect_err("a typo");
	assert!(e.to_string().contains("unknown field `endowmnet`"), "{e}");
	let kind = text.replace("kind = \"Clinic\"", "kind = \"Pharmacy\"");
	assert!(toml::from_str::<NetworkFile>(&kind).is_err(), "an unknown kind");

	let dir = std::env::temp_dir().join(format!("healthnet-network-file-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("a directory");
	let path = dir.join("network.toml");
	std::fs::write(&path, typo).expect("written");
	let e = chain_spec(path.to_str().expect("utf-8")).err().expect("refused");
	assert!(e.contains("does not follow the format") && e.contains("endowmnet"), "{e}");
	let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_demonstration_comes_only_by_name_and_alone() {
	let named: NetworkFile =
		toml::from_str("[network]\nid = \"demo\"\nname = \"Demo\"\ndemonstration = \"local\"\n")
			.expect("parses");
	let spec = spec_of(named).expect("the demonstration preset");
	assert_eq!(spec.id(), crate::chain_spec::local().expect("local").id());

	let mut mixed = example();
	mixed.network.demonstration = Some("local".into());
	assert!(refusal(mixed).contains("may list nothing else"));
}
