//! Disease surveillance on the four-validator local network with the demonstration registry:
//! the three facilities of the Bengaluru cluster report, and the aggregates at cluster, region
//! and country level, read over the node's `healthnet_*` JSON-RPC, are right; completeness
//! shows the facility that had not reported; an amendment moves the aggregates by the
//! difference and, crossing the Karnataka threshold, raises an outbreak alert.

use anyhow::{Context, Result};
use healthnet_e2e::{
	chain::{counts, dev_account, find_event, report, yesterday, Chain, Wait},
	LocalNetwork, Node,
};
use jsonrpsee::core::params::ArrayParams;
use serde_json::Value as Json;
use subxt::dynamic::Value;
use subxt_signer::sr25519::dev;

const COVID: &str = "RA01";
/// The Bengaluru cluster of the demonstration registry: organisations 4, 5 and 6.
const CLUSTER: u32 = 0;

/// `healthnet_<method>` with `params`, at the best block.
async fn ask(node: &Node, method: &str, params: Vec<Json>) -> Result<Json> {
	let mut array = ArrayParams::new();
	for param in params {
		array.insert(param)?;
	}
	node.rpc(&format!("healthnet_{method}"), array).await
}

/// The confirmed cases of the one period in a `healthnet_*Series` answer.
fn confirmed_of(series: &Json) -> Result<u64> {
	let periods = series.as_array().context("a series is an array")?;
	anyhow::ensure!(periods.len() == 1, "expected one period, got {series}");
	periods[0]["totals"]["confirmed"].as_u64().context("no confirmed count")
}

async fn region_confirmed(node: &Node, region: &str, period: u32) -> Result<u64> {
	let series =
		ask(node, "regionSeries", vec![region.into(), COVID.into(), period.into(), period.into()])
			.await?;
	confirmed_of(&series)
}

#[tokio::test(flavor = "multi_thread")]
async fn facilities_report_and_every_level_sees_the_same_numbers() -> Result<()> {
	let network = LocalNetwork::start(1).await?;
	let alice = &network.alice;
	let chain = Chain::connect(alice.rpc_port).await?;
	let period = yesterday();
	let hospital = dev::ferdie(); // Bengaluru General Hospital, organisation 4
	let jayanagar = dev_account("//Alice//stash")?; // organisation 5
	let whitefield = dev_account("//Bob//stash")?; // organisation 6
	let karnataka = dev::dave();

	// Karnataka's authority watches for 20 confirmed cases a day across the state.
	chain
		.submit(
			&karnataka,
			"Surveillance",
			"set_threshold",
			vec![
				Value::from_bytes("IN-KA"),
				Value::from_bytes(COVID),
				Value::unnamed_variant("None", []),
				20u32.into(),
			],
		)
		.await?;

	// Two of the cluster's three facilities report; completeness names the third.
	report(&chain, &hospital, COVID, period, 5, Wait::Finalized).await?;
	report(&chain, &jayanagar, COVID, period, 7, Wait::Finalized).await?;
	let completeness =
		ask(&alice, "completeness", vec![CLUSTER.into(), COVID.into(), period.into()]).await?;
	assert_eq!(completeness["expected"], 3, "{completeness}");
	assert_eq!(completeness["reported"], 2, "{completeness}");
	assert_eq!(completeness["missing"], serde_json::json!([6]), "{completeness}");

	// The third reports; every level holds the sum.
	report(&chain, &whitefield, COVID, period, 6, Wait::Finalized).await?;
	let cluster = ask(
		&alice,
		"clusterSeries",
		vec![CLUSTER.into(), COVID.into(), period.into(), period.into()],
	)
	.await?;
	assert_eq!(confirmed_of(&cluster)?, 18);
	for region in ["IN-KA-BLR", "IN-KA", "IN", ""] {
		assert_eq!(region_confirmed(&alice, region, period).await?, 18, "region {region:?}");
	}
	assert_eq!(region_confirmed(&alice, "IN-MH", period).await.ok(), None, "nothing in IN-MH");
	let completeness =
		ask(&alice, "completeness", vec![CLUSTER.into(), COVID.into(), period.into()]).await?;
	assert_eq!(completeness["missing"], serde_json::json!([]), "{completeness}");

	// Jayanagar amends 7 to 10: the aggregates move by 3 and cross Karnataka's threshold.
	let events = chain
		.submit(
			&jayanagar,
			"Surveillance",
			"amend_report",
			vec![
				5u32.into(),
				Value::from_bytes(COVID),
				period.into(),
				counts(10),
				Value::unnamed_composite([]),
			],
		)
		.await?;
	find_event(&events, "Surveillance", "OutbreakAlert")?;
	assert_eq!(region_confirmed(&alice, "IN-KA", period).await?, 21);
	assert_eq!(region_confirmed(&alice, "IN", period).await?, 21);
	let alerts = ask(&alice, "openAlerts", vec!["IN".into()]).await?;
	assert_eq!(alerts["next"], Json::Null, "one page: {alerts}");
	let alerts = alerts["items"].as_array().context("alerts are a page")?;
	assert_eq!(alerts.len(), 1, "{alerts:?}");
	assert_eq!(alerts[0]["region"], "IN-KA");
	assert_eq!(alerts[0]["confirmed"], 21);

	// The report keeps both versions.
	let history =
		ask(&alice, "reportHistory", vec![5u32.into(), COVID.into(), period.into()]).await?;
	let versions = history["versions"].as_array().context("no versions")?;
	let confirmed: Vec<&Json> = versions.iter().map(|v| &v["counts"]["confirmed"]).collect();
	assert_eq!(confirmed, [&Json::from(7), &Json::from(10)], "{history}");
	Ok(())
}
