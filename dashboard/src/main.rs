//! `healthnet-dashboard`: serves the dashboard of one Healthnet node.

use clap::Parser;

/// Serves the Healthnet dashboard: surveillance, completeness, guidance, supply, certificate
/// verification and the network, read at the node's finalized head and updated as blocks
/// finalize.
#[derive(Parser, Debug)]
#[command(name = "healthnet-dashboard", version)]
struct Args {
	/// The node's WebSocket RPC endpoint.
	#[arg(long, default_value = healthnet_client::DEFAULT_URL, env = "HEALTHNET_URL")]
	url: String,
	/// The address to serve the pages on.
	#[arg(long, default_value = "127.0.0.1:8080")]
	listen: std::net::SocketAddr,
	/// The disease the pages show until a visitor chooses another (an ICD-11 style code).
	#[arg(long, default_value = healthnet_dashboard::DEFAULT_DISEASE)]
	disease: String,
	/// Makes it a cluster's own dashboard: the surveillance pages open on this cluster's
	/// region and list it first. Clusters are numbered from 0 in the order the network file
	/// lists them, later ones as `healthnet cluster create` said; `healthnet cluster show ID`
	/// shows one.
	#[arg(long)]
	cluster: Option<u32>,
	/// The address visitors reach the dashboard at (`https://dashboard.health.example`), which
	/// every sign-in challenge names so that a look-alike site cannot pass one off; with
	/// `https://`, session cookies are `Secure` and `__Host-` prefixed. By default
	/// `http://<listen>`.
	#[arg(long)]
	public_url: Option<String>,
	/// A disease of the facility's form, as CODE=Name (`1A00=Cholera`); repeat it for each,
	/// in the order the form lists them (at most 32). By default COVID-19, cholera, measles and
	/// falciparum malaria.
	#[arg(long = "form-disease", value_name = "CODE=NAME")]
	form_diseases: Vec<String>,
}

#[tokio::main]
async fn main() {
	let args = Args::parse();
	let diseases = match healthnet_dashboard::pages::report::form_diseases(&args.form_diseases) {
		Ok(diseases) => diseases,
		Err(sentence) => {
			eprintln!("healthnet-dashboard: {sentence}");
			std::process::exit(2);
		},
	};
	if let Err(error) = healthnet_dashboard::serve(
		&args.url,
		args.listen,
		&args.disease,
		args.cluster,
		args.public_url.as_deref(),
		diseases,
	)
	.await
	{
		eprintln!("healthnet-dashboard: {error:#}");
		std::process::exit(1);
	}
}
