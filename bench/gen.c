/*
 * gen.c - synthetic inputs for the benchmark (make bench): "gen template N"
 * (N resources of common types chained by Ref, GetAtt, Sub, DependsOn),
 * "gen state N" (the account state that lets most of them pass) and
 * "gen nested DIR" (a three-level tree of 20 nested stacks in a state bucket).
 */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ACCOUNT "123456789012"
#define CODE_BUCKET "bench-code-" ACCOUNT
#define TEMPLATE_BUCKET "bench-templates-" ACCOUNT
#define UNIT 10
#define NESTED_CHILDREN 4 /* per stack of levels 1 and 2: 4 + 16 = 20 nested */

/* The template is built from units of ten resources (a log group, a queue,
 * a topic subscribed to it, a table, a bucket, a role reading them, a VPC,
 * a subnet, a security group and a function using them all); unit k also
 * reads unit k-1's bucket and topic.  In the state, the code of every
 * seventh function is missing (NoSuchKey) and every eleventh bucket name is
 * taken, so a few resources fail and their dependents are blocked. */

/* Does unit k's function find its code?  Does unit k's bucket name collide? */
static int code_missing(long k) { return k % 7 == 6; }
static int name_taken(long k) { return k % 11 == 10; }

/* The text of resource i of unit k (i < UNIT). */
static void unit_resource(FILE *f, long k, int i)
{
	long prev = k > 0 ? k - 1 : 0;

	switch (i) {
	case 0:
		fprintf(f, "  Logs%ld:\n    Type: AWS::Logs::LogGroup\n    Properties:\n"
			   "      LogGroupName: !Sub /bench/${AWS::StackName}/fn%ld\n"
			   "      RetentionInDays: 14\n", k, k);
		break;
	case 1:
		fprintf(f, "  Queue%ld:\n    Type: AWS::SQS::Queue\n    Properties:\n"
			   "      QueueName: !Sub ${AWS::StackName}-q%ld\n"
			   "      VisibilityTimeout: 60\n", k, k);
		break;
	case 2:
		fprintf(f, "  Topic%ld:\n    Type: AWS::SNS::Topic\n    Properties:\n"
			   "      Subscription:\n        - Protocol: sqs\n"
			   "          Endpoint: !GetAtt Queue%ld.Arn\n", k, k);
		break;
	case 3:
		fprintf(f, "  Table%ld:\n    Type: AWS::DynamoDB::Table\n    Properties:\n"
			   "      BillingMode: PAY_PER_REQUEST\n"
			   "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n"
			   "      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n", k);
		break;
	case 4:
		fprintf(f, "  Bucket%ld:\n    Type: AWS::S3::Bucket\n    Properties:\n"
			   "      BucketName: !Sub bench-${AWS::AccountId}-${AWS::Region}-b%ld\n"
			   "      Tags: [{Key: unit, Value: \"%ld\"}]\n", k, k, k);
		break;
	case 5:
		fprintf(f, "  Role%ld:\n    Type: AWS::IAM::Role\n    Properties:\n"
			   "      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n"
			   "        Statement:\n          - Effect: Allow\n"
			   "            Principal: {Service: lambda.amazonaws.com}\n"
			   "            Action: sts:AssumeRole\n"
			   "      Policies:\n        - PolicyName: access\n          PolicyDocument:\n"
			   "            Version: \"2012-10-17\"\n            Statement:\n"
			   "              - Effect: Allow\n"
			   "                Action: [dynamodb:GetItem, sqs:SendMessage, s3:GetObject, sns:Publish]\n"
			   "                Resource:\n"
			   "                  - !GetAtt Table%ld.Arn\n"
			   "                  - !GetAtt Queue%ld.Arn\n"
			   "                  - !Sub ${Bucket%ld.Arn}/*\n"
			   "                  - !Ref Topic%ld\n",
			k, k, k, k, prev);
		break;
	case 6:
		fprintf(f, "  Vpc%ld:\n    Type: AWS::EC2::VPC\n    Properties:\n"
			   "      CidrBlock: 10.%ld.0.0/16\n      EnableDnsSupport: true\n", k, k % 250);
		break;
	case 7:
		fprintf(f, "  Subnet%ld:\n    Type: AWS::EC2::Subnet\n    Properties:\n"
			   "      VpcId: !Ref Vpc%ld\n"
			   "      CidrBlock: !Select [0, {\"Fn::Cidr\": [!GetAtt Vpc%ld.CidrBlock, 4, 8]}]\n"
			   "      AvailabilityZone: !Select [0, !GetAZs \"\"]\n", k, k, k);
		break;
	case 8:
		fprintf(f, "  Sg%ld:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
			   "      GroupDescription: unit %ld functions\n      VpcId: !Ref Vpc%ld\n"
			   "      SecurityGroupIngress:\n"
			   "        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}\n",
			k, k, k);
		break;
	default:
		fprintf(f, "  Fn%ld:\n    Type: AWS::Lambda::Function\n    DependsOn: [Logs%ld]\n"
			   "    Properties:\n"
			   "      FunctionName: !Sub ${AWS::StackName}-fn%ld\n"
			   "      Runtime: python3.12\n      Handler: index.handler\n"
			   "      Role: !GetAtt Role%ld.Arn\n"
			   "      Code: {S3Bucket: !Ref CodeBucket, S3Key: !Sub \"fn%ld.zip\"}\n"
			   "      Environment:\n        Variables:\n"
			   "          TABLE: !Ref Table%ld\n          QUEUE: !GetAtt Queue%ld.QueueName\n"
			   "          PREVIOUS: !Ref Bucket%ld\n"
			   "      VpcConfig:\n        SubnetIds: [!Ref Subnet%ld]\n"
			   "        SecurityGroupIds: [!GetAtt Sg%ld.GroupId]\n",
			k, k, k, k, k, k, k, prev, k, k);
		break;
	}
}

static void gen_template(FILE *f, long n)
{
	long r, units = (n + UNIT - 1) / UNIT;

	fprintf(f, "AWSTemplateFormatVersion: \"2010-09-09\"\n"
		   "Description: synthetic benchmark template, %ld resources\n"
		   "Parameters:\n  CodeBucket:\n    Type: String\n    Default: %s\n"
		   "Resources:\n", n, CODE_BUCKET);
	for (r = 0; r < n; r++)
		unit_resource(f, r / UNIT, (int)(r % UNIT));
	fprintf(f, "Outputs:\n");
	for (r = 0; r < units && r < 10; r++)
		fprintf(f, "  Queue%ldUrl:\n    Value: !Ref Queue%ld\n", r, r);
	if (n < 2) /* a one-resource template has no queue */
		fprintf(f, "  Group:\n    Value: !Ref Logs0\n");
}

static void gen_state(FILE *f, long n)
{
	long k, units = (n + UNIT - 1) / UNIT;
	int any = 0;

	fprintf(f, "account: \"%s\"\nregion: us-east-1\ns3_names_taken:", ACCOUNT);
	for (k = 0; k < units; k++)
		if (name_taken(k)) {
			fprintf(f, "%s bench-%s-us-east-1-b%ld", any ? "," : " [", ACCOUNT, k);
			any = 1;
		}
	fprintf(f, "%s\naccounts:\n  \"%s\":\n    regions:\n      us-east-1:\n"
		   "        AWS::S3::Bucket:\n          %s:\n            Objects:\n",
		any ? "]" : " []", ACCOUNT, CODE_BUCKET);
	for (k = 0; k < units; k++)
		if (!code_missing(k))
			fprintf(f, "              fn%ld.zip: {}\n", k);
	fprintf(f, "              readme.txt: {}\n");
}

/* One nested stack's template (root.yaml, else templates/NAME.yaml): a queue and a table named from the Prefix
 * parameter, children stacks when level < 3, and outputs the parent reads. */
static int gen_stack(const char *dir, const char *name, int level, int *count)
{
	char *path;
	FILE *f;
	int c;

	if (asprintf(&path, level == 1 ? "%s/%s.yaml" : "%s/templates/%s.yaml", dir, name) < 0)
		return -1;
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	fprintf(f, "Description: nested stack %s, level %d\n"
		   "Parameters:\n  Prefix:\n    Type: String\n    Default: bench\n"
		   "Resources:\n"
		   "  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n"
		   "      QueueName: !Sub ${Prefix}-q\n"
		   "  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n"
		   "      TableName: !Sub ${Prefix}-t\n"
		   "      BillingMode: PAY_PER_REQUEST\n"
		   "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n"
		   "      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n",
		name, level);
	if (level < 3) {
		fprintf(f, "  Reader:\n    Type: AWS::IAM::Role\n    Properties:\n"
			   "      AssumeRolePolicyDocument:\n        Statement:\n"
			   "          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, "
			   "Action: sts:AssumeRole}\n"
			   "      Policies:\n        - PolicyName: children\n          PolicyDocument:\n"
			   "            Statement:\n              - Effect: Allow\n"
			   "                Action: sqs:ReceiveMessage\n                Resource:\n");
		for (c = 1; c <= NESTED_CHILDREN; c++)
			fprintf(f, "                  - !GetAtt Child%d.Outputs.QueueArn\n", c);
		for (c = 1; c <= NESTED_CHILDREN; c++)
			fprintf(f, "  Child%d:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
				   "      TemplateURL: https://%s.s3.us-east-1.amazonaws.com/%s-%d.yaml\n"
				   "      Parameters:\n        Prefix: !Sub ${Prefix}-%d\n",
				c, TEMPLATE_BUCKET, name, c, c);
	}
	fprintf(f, "Outputs:\n  QueueArn:\n    Value: !GetAtt Queue.Arn\n"
		   "  TableName:\n    Value: !Ref Table\n");
	if (fclose(f) != 0)
		return -1;
	if (level > 1)
		++*count;
	for (c = 1; level < 3 && c <= NESTED_CHILDREN; c++) {
		char *child;
		int rc;

		if (asprintf(&child, "%s-%d", name, c) < 0)
			return -1;
		rc = gen_stack(dir, child, level + 1, count);
		free(child);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The state that holds every nested template of the tree under root. */
static void nested_objects(FILE *f, const char *name, int level)
{
	int c;

	if (level > 1)
		fprintf(f, "              %s.yaml: {File: templates/%s.yaml}\n", name, name);
	for (c = 1; level < 3 && c <= NESTED_CHILDREN; c++) {
		char *child;

		if (asprintf(&child, "%s-%d", name, c) < 0)
			return;
		nested_objects(f, child, level + 1);
		free(child);
	}
}

static int gen_nested(const char *dir)
{
	char *sub, *path;
	FILE *f;
	int count = 0;

	if (asprintf(&sub, "%s/templates", dir) < 0)
		return -1;
	if ((mkdir(dir, 0777) < 0 && errno != EEXIST) || (mkdir(sub, 0777) < 0 && errno != EEXIST)) {
		fprintf(stderr, "gen: %s: %s\n", sub, strerror(errno));
		free(sub);
		return -1;
	}
	free(sub);
	/* root.yaml is level 1 and lives in DIR; the others in DIR/templates */
	if (gen_stack(dir, "root", 1, &count) < 0)
		return -1;
	if (asprintf(&path, "%s/state.yaml", dir) < 0)
		return -1;
	f = fopen(path, "w");
	free(path);
	if (!f)
		return -1;
	fprintf(f, "account: \"%s\"\nregion: us-east-1\naccounts:\n  \"%s\":\n    regions:\n"
		   "      us-east-1:\n        AWS::S3::Bucket:\n          %s:\n            Objects:\n",
		ACCOUNT, ACCOUNT, TEMPLATE_BUCKET);
	nested_objects(f, "root", 1);
	if (fclose(f) != 0)
		return -1;
	return count == NESTED_CHILDREN + NESTED_CHILDREN * NESTED_CHILDREN ? 0 : -1;
}

int main(int argc, char **argv)
{
	long n;
	char *end;

	if (argc == 3 && !strcmp(argv[1], "nested"))
		return gen_nested(argv[2]) < 0 ? 1 : 0;
	if (argc != 3 || (strcmp(argv[1], "template") && strcmp(argv[1], "state"))) {
		fprintf(stderr, "usage: gen template N | gen state N | gen nested DIR\n");
		return 2;
	}
	n = strtol(argv[2], &end, 10);
	if (*end || n < 1 || n > 10000000) {
		fprintf(stderr, "gen: N must be a count from 1 to 10000000\n");
		return 2;
	}
	if (!strcmp(argv[1], "template"))
		gen_template(stdout, n);
	else
		gen_state(stdout, n);
	return fflush(stdout) == 0 ? 0 : 1;
}
