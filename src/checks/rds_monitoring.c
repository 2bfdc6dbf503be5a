/*
 * rds_monitoring.c - Enhanced Monitoring needs its role: a MonitoringInterval
 * other than 0 without MonitoringRoleARN fails (FAILURES.md row 51, RDS's
 * wording as rain's forecast quotes it), for instances and clusters.
 */
#include "checks/checks.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void check_rds_monitoring(const struct check_env *env, const struct check_resource *r,
			  struct check_sink *sink)
{
	const struct value *iv = value_map_get(r->props, "MonitoringInterval");
	char *path;
	struct finding *f;

	(void)env;
	if (!iv || value_map_get(r->props, "MonitoringRoleArn"))
		return;
	if ((iv->kind == VALUE_NUMBER && iv->u.number.num == 0) ||
	    (value_str(iv) && !strcmp(value_str(iv), "0")) ||
	    (iv->kind != VALUE_NUMBER && !value_str(iv)))
		return;
	path = check_path(r, "MonitoringInterval");
	f = check_fail(sink, FC_RDS_MONITORING, check_pos(r, "MonitoringInterval"), path,
		       "A MonitoringRoleARN value is required if you specify a MonitoringInterval value "
		       "other than 0. (Service: Rds, Status Code: 400)");
	finding_set_fix(f, "add MonitoringRoleArn: a role trusting monitoring.rds.amazonaws.com with "
		       "AmazonRDSEnhancedMonitoringRole (create it first, or in this stack), or set "
		       "MonitoringInterval to 0");
	free(path);
}
