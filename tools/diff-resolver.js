#!/usr/bin/env node
// tools/diff-resolver.js - differential check of cfn-dryrun's resolver
// against the independent npm package cfn-resolver-lib (not run by make
// check: it needs node and that package).
//
//   npm install --prefix /tmp/cfnres cfn-resolver-lib
//   node tools/diff-resolver.js --lib /tmp/cfnres/node_modules \
//        [--cfn-dryrun ./cfn-dryrun] TEMPLATE.json...
//
// JSON templates only (the library reads plain objects; YAML short tags
// would need a schema).  Both resolvers get the same inputs: us-east-1,
// account 123456789012, the stack name, every parameter's Default or a
// chosen value (the first AllowedValue, else a placeholder), list
// parameters as lists, and cfn-dryrun's physical ids as what Ref of a
// resource returns (cfn-resolver-lib cannot know them).  For every
// resource cfn-dryrun creates, each leaf of the resolved Properties is
// compared; cfn-dryrun's unknowns are counted, not compared.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const args = process.argv.slice(2);
let lib = null, tool = path.join(__dirname, '..', 'cfn-dryrun');
const files = [];
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--lib') lib = args[++i];
	else if (args[i] === '--cfn-dryrun') tool = args[++i];
	else files.push(args[i]);
}
if (!lib || !files.length) {
	console.error('usage: diff-resolver.js --lib NODE_MODULES [--cfn-dryrun PATH] TEMPLATE.json...');
	process.exit(2);
}
const NodeEvaluator = require(path.join(path.resolve(lib), 'cfn-resolver-lib'));

const LIST_TYPES = /^(CommaDelimitedList|List<.*>|AWS::SSM::Parameter::Value<(List<.*>|CommaDelimitedList)>)$/;

function chooseValue(name, def) {
	if (def.Default !== undefined) return String(def.Default);
	if (Array.isArray(def.AllowedValues) && def.AllowedValues.length) return String(def.AllowedValues[0]);
	if (def.Type === 'Number') return String(def.MinValue !== undefined ? def.MinValue : 1);
	if (/^List<Number>$/.test(def.Type)) return '1,2';
	if (LIST_TYPES.test(def.Type || '')) return `${name.toLowerCase()}-1,${name.toLowerCase()}-2`;
	return `${name.toLowerCase()}-value`;
}

// cfn-dryrun's deterministic physical id (src/engine/physid.c), for the
// resources it reports without one (blocked or failing ones).
const M64 = (1n << 64n) - 1n;
function fnv(a, b) {
	const P = 1099511628211n;
	let h = 14695981039346656037n;
	const eat = (s) => { for (const c of Buffer.from(s)) h = ((h ^ BigInt(c)) * P) & M64; };
	eat(a); h = ((h ^ 47n) * P) & M64; eat(b);
	return h;
}

// AWS::StackId as src/eval/pseudo.c builds it.
function stackId(account, region, stackName) {
	const hi = fnv(account, stackName), lo = fnv(region, stackName);
	const hex = (v, n) => v.toString(16).padStart(n, '0');
	return `arn:aws:cloudformation:${region}:${account}:stack/${stackName}/` +
		`${hex(hi >> 32n, 8)}-${hex((hi >> 16n) & 0xffffn, 4)}-4${hex(hi & 0xfffn, 3)}-` +
		`${hex(0x8000n | ((lo >> 48n) & 0x3fffn), 4)}-${hex(lo & 0xffffffffffffn, 12)}`;
}

function physid(stackName, logicalId, lower, maxLen) {
	const M = M64;
	let h = fnv(stackName, logicalId);
	const digits = lower ? '0123456789abcdefghijklmnopqrstuvwxyz' : '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	let suffix = '';
	for (let i = 0; i < 12; i++) {
		suffix += digits[Number(h % 36n)];
		h /= 36n;
		if (h === 0n) h = (0x9E3779B97F4A7C15n + BigInt(i)) & M;
	}
	let head = `${stackName}-${logicalId}`;
	if (!lower) return `${head}-${suffix}`;
	head = head.toLowerCase().slice(0, maxLen - 13);
	return `${head}-${suffix}`;
}

function isUnknown(v) {
	return v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && '$unknown' in v;
}

function isIntrinsic(v) {
	if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
	const k = Object.keys(v);
	return k.length === 1 && (k[0] === 'Ref' || k[0].startsWith('Fn::'));
}

function scalar(v) {
	return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

// Compares ours and theirs; pushes [path, ours, theirs] for differences.
function compare(ours, theirs, p, stats, diffs) {
	if (isUnknown(ours)) { stats.unknown++; return; }
	if (typeof ours === 'string' && isIntrinsic(theirs) && typeof theirs['Fn::Base64'] === 'string') {
		// cfn-resolver-lib leaves Fn::Base64 unevaluated: compare what was encoded
		compare(Buffer.from(ours, 'base64').toString('utf8'), theirs['Fn::Base64'], `${p}/Fn::Base64`, stats, diffs);
		return;
	}
	if (isIntrinsic(theirs)) { stats.compared++; diffs.push([p, ours, theirs, 'theirs unresolved']); return; }
	if (Array.isArray(ours) && Array.isArray(theirs)) {
		if (ours.length !== theirs.length) { stats.compared++; diffs.push([p, ours, theirs, 'list length']); return; }
		ours.forEach((o, i) => compare(o, theirs[i], `${p}/${i}`, stats, diffs));
		return;
	}
	if (ours && typeof ours === 'object' && !Array.isArray(ours) && theirs && typeof theirs === 'object') {
		const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
		for (const k of keys) {
			if (!(k in ours)) { stats.compared++; diffs.push([`${p}/${k}`, undefined, theirs[k], 'missing in ours']); continue; }
			if (!(k in theirs)) { stats.compared++; diffs.push([`${p}/${k}`, ours[k], undefined, 'missing in theirs']); continue; }
			compare(ours[k], theirs[k], `${p}/${k}`, stats, diffs);
		}
		return;
	}
	stats.compared++;
	if (scalar(ours) === scalar(theirs)) stats.same++;
	else diffs.push([p, ours, theirs, 'value']);
}

let total = { templates: 0, compared: 0, same: 0, unknown: 0, differ: 0 };
for (const file of files) {
	let tmpl;
	try { tmpl = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) { console.log(`${file}: skipped (not JSON)`); continue; }
	const stack = 'difftest';
	const params = tmpl.Parameters || {};
	const cliArgs = ['check', file, '--format', 'json', '--show-resolved', '--stack-name', stack];
	const refs = {
		'AWS::Region': 'us-east-1', 'AWS::Partition': 'aws', 'AWS::AccountId': '123456789012',
		'AWS::StackName': stack, 'AWS::URLSuffix': 'amazonaws.com', 'AWS::NotificationARNs': [],
		'AWS::StackId': stackId('123456789012', 'us-east-1', stack),
	};
	for (const [name, def] of Object.entries(params)) {
		const v = chooseValue(name, def);
		cliArgs.push('--param', `${name}=${v}`);
		refs[name] = LIST_TYPES.test(def.Type || '') ? v.split(',').map((s) => s.trim()) : v;
	}
	let report;
	try {
		report = JSON.parse(execFileSync(tool, cliArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
	} catch (e) {
		if (e.status !== 1 && e.status !== 3) { console.log(`${file}: cfn-dryrun exit ${e.status}, skipped`); continue; }
		report = JSON.parse(e.stdout);
	}
	const st = report.stacks[0];
	for (const r of st.resources) {
		if (r.physical_id) refs[r.logical_id] = r.physical_id;
		else if (r.status !== 'skipped')
			refs[r.logical_id] = r.type === 'AWS::S3::Bucket'
				? ((r.properties || {}).BucketName || physid(stack, r.logical_id, true, 63))
				: physid(stack, r.logical_id, false);
	}
	let theirs;
	const warn = console.warn, log = console.log;
	console.warn = () => {}; // the library warns about every GetAtt it cannot resolve
	try {
		console.log = () => {};
		theirs = new NodeEvaluator(Object.assign({ Parameters: {} }, tmpl), { RefResolvers: refs }).evaluateNodes();
	} catch (e) {
		console.log = log;
		console.log(`${file}: cfn-resolver-lib threw: ${String(e && e.message || e).split('\n')[0]} (cfn-dryrun verdict ${st.verdict})`);
		continue;
	} finally {
		console.warn = warn;
		console.log = log;
	}
	const stats = { compared: 0, same: 0, unknown: 0 };
	const diffs = [];
	for (const r of st.resources) {
		if (r.status === 'skipped' || !r.properties) continue;
		const t = ((theirs.Resources || {})[r.logical_id] || {}).Properties;
		if (t === undefined) { diffs.push([`Resources/${r.logical_id}`, 'present', undefined, 'missing in theirs']); continue; }
		compare(r.properties, t, `Resources/${r.logical_id}/Properties`, stats, diffs);
	}
	total.templates++;
	total.compared += stats.compared;
	total.same += stats.same;
	total.unknown += stats.unknown;
	total.differ += diffs.length;
	console.log(`${path.relative(process.cwd(), file)}: ${stats.compared} compared, ${stats.same} same, ` +
		`${stats.unknown} unknown in cfn-dryrun, ${diffs.length} different (verdict ${st.verdict})`);
	for (const [p, o, t, why] of diffs.slice(0, 8))
		console.log(`    ${why}: ${p}\n      cfn-dryrun:       ${JSON.stringify(o)}\n      cfn-resolver-lib: ${JSON.stringify(t)}`);
	if (diffs.length > 8) console.log(`    ... ${diffs.length - 8} more`);
}
console.log(`total: ${total.templates} templates, ${total.compared} leaves compared, ${total.same} same, ` +
	`${total.unknown} unknown in cfn-dryrun, ${total.differ} different`);
