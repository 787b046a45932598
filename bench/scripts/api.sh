# Sourced by the load scripts: the server's API at $HTTP as the bench configurations' administrator
# (bench/conf/*.conf have the demo's admin@demo.switchboard, password Admin#demo1). api_login signs in once the server
# is up; `api PATH` then GETs an endpoint with the session's bearer token (health needs none).

api_login() {
	API_TOKEN=$(curl -s -X POST "$HTTP/api/login" -H 'Content-Type: application/json' \
		-d '{"email":"admin@demo.switchboard","password":"Admin#demo1"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
	[ -n "$API_TOKEN" ]
}

api() { curl -s -H "Authorization: Bearer $API_TOKEN" "$HTTP$1"; }
