/*
 * cert_status.c - certificates that exist but are not ISSUED (the
 * Status extra key of a certificate in the state): CloudFront viewer
 * certificates (FAILURES.md row 42; that the certificate exists in
 * us-east-1 is the existence rule cloudfront-viewer-certificate) and load
 * balancer listener certificates (row 43, rule elbv2-listener-certificate).
 * A certificate created by the same stack is ISSUED when its create
 * completes (CloudFormation waits for validation).
 */
#include "checks/checks.h"
#include "checks/lookup.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void judge(const struct check_env *env, const struct check_resource *r, const char *path,
		  const char *region, bool cloudfront, struct check_sink *sink)
{
	const char *arn = lookup_str(r->props, path);
	const struct state_res *c;
	const char *status;
	char *fpath;
	struct finding *f;

	if (!arn)
		return;
	c = state_find(env->state, env->deploy->account, region, "AWS::CertificateManager::Certificate",
		       arn);
	status = c ? value_str(value_map_get(c->props, "Status")) : NULL;
	if (!status || !strcmp(status, "ISSUED"))
		return; /* missing: the existence rule; no status: not stated */
	fpath = check_path(r, path);
	if (cloudfront)
		f = check_fail(sink, FC_CERTIFICATE_STATUS, check_pos(r, path), fpath,
			       "The specified SSL certificate doesn't exist, isn't in us-east-1 region, "
			       "isn't valid, or doesn't include a valid certificate chain. (Service: "
			       "AmazonCloudFront; Status Code: 400; Error Code: InvalidViewerCertificate)");
	else
		f = check_fail(sink, FC_CERTIFICATE_STATUS, check_pos(r, path), fpath,
			       "Certificate '%s' not found (Service: AmazonElasticLoadBalancing; Status "
			       "Code: 400; Error Code: CertificateNotFound)", arn);
	finding_set_fix(f, "the certificate is %s, not ISSUED: complete its validation (DNS or email) "
		       "or renew it, or use an ISSUED certificate of %s", status, region);
	free(fpath);
}

void check_cert_status(const struct check_env *env, const struct check_resource *r,
		       struct check_sink *sink)
{
	const struct value *certs;
	size_t i;

	if (!strcmp(r->type, "AWS::CloudFront::Distribution")) {
		judge(env, r, "DistributionConfig/ViewerCertificate/AcmCertificateArn", "us-east-1", true,
		      sink);
		return;
	}
	certs = value_map_get(r->props, "Certificates");
	for (i = 0; certs && certs->kind == VALUE_LIST && i < certs->u.list.n; i++) {
		char *path = xstrfmt("Certificates/%zu/CertificateArn", i);
		judge(env, r, path, env->deploy->region, false, sink);
		free(path);
	}
}
