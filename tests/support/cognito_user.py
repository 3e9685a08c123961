#!/usr/bin/env python3
"""Make a Cognito user pool, an SRP app client and users in the moto server at argv[1]:
  alice  (password Passw0rd!, software-token MFA enrolled and preferred)
  bob    (password Passw0rd!, no MFA)
  carol  (a temporary password: Cognito asks for a new one)
and a second pool that requires MFA, with dave (password Passw0rd!, no authenticator yet).
Prints {"region", "pool_id", "client_id", "totp_secret", "mfa_pool_id", "mfa_client_id"}."""
import base64
import hashlib
import hmac
import json
import struct
import sys
import time

import boto3

ENDPOINT = sys.argv[1]
REGION = "eu-west-1"
PASSWORD = "Passw0rd!"


def totp_now(secret):
    key = base64.b32decode(secret.upper() + "=" * ((8 - len(secret) % 8) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    o = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 10**6)


# Admin calls are signed (with moto's dummy keys): the signature's scope picks the region.
idp = boto3.client("cognito-idp", region_name=REGION, endpoint_url=ENDPOINT,
                   aws_access_key_id="testing", aws_secret_access_key="testing")
pool = idp.create_user_pool(PoolName="petgen-live-test", MfaConfiguration="OPTIONAL")["UserPool"]["Id"]
idp.set_user_pool_mfa_config(UserPoolId=pool, MfaConfiguration="OPTIONAL",
                             SoftwareTokenMfaConfiguration={"Enabled": True})
client = idp.create_user_pool_client(
    UserPoolId=pool, ClientName="petgen-live-test", GenerateSecret=False,
    ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"],
)["UserPoolClient"]["ClientId"]
for user in ("alice", "bob", "carol"):
    idp.admin_create_user(UserPoolId=pool, Username=user, TemporaryPassword="Temp0rary!",
                          MessageAction="SUPPRESS")
for user in ("alice", "bob"):
    idp.admin_set_user_password(UserPoolId=pool, Username=user, Password=PASSWORD, Permanent=True)

# Enrol alice's authenticator: it needs her access token, before MFA is on.
access = idp.admin_initiate_auth(UserPoolId=pool, ClientId=client, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
                                 )["AuthenticationResult"]["AccessToken"]
secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
idp.verify_software_token(AccessToken=access, UserCode=totp_now(secret), FriendlyDeviceName="test")
idp.admin_set_user_mfa_preference(UserPoolId=pool, Username="alice",
                                  SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
required = idp.create_user_pool(PoolName="petgen-live-test-mfa", MfaConfiguration="OFF")["UserPool"]["Id"]
idp.set_user_pool_mfa_config(UserPoolId=required, MfaConfiguration="ON",
                             SoftwareTokenMfaConfiguration={"Enabled": True})
required_client = idp.create_user_pool_client(
    UserPoolId=required, ClientName="petgen-live-test-mfa", GenerateSecret=False,
    ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
)["UserPoolClient"]["ClientId"]
idp.admin_create_user(UserPoolId=required, Username="dave", TemporaryPassword="Temp0rary!",
                      MessageAction="SUPPRESS")
idp.admin_set_user_password(UserPoolId=required, Username="dave", Password=PASSWORD, Permanent=True)
print(json.dumps({"region": REGION, "pool_id": pool, "client_id": client, "totp_secret": secret,
                  "mfa_pool_id": required, "mfa_client_id": required_client}))
