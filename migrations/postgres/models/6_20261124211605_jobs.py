from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "job" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(64) NOT NULL,
    "key" VARCHAR(128),
    "payload" JSONB NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "run_at" TIMESTAMPTZ NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "max_attempts" SMALLINT NOT NULL,
    "lease_owner" VARCHAR(64),
    "lease_until" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "last_error" VARCHAR(500),
    CONSTRAINT "uid_job_kind_752afb" UNIQUE ("kind", "key")
);
CREATE INDEX IF NOT EXISTS "idx_job_status_06ec9c" ON "job" ("status", "run_at", "id");
COMMENT ON COLUMN "job"."kind" IS 'the handler''s name, e.g. courses.release';
COMMENT ON COLUMN "job"."key" IS 'de-duplicates within a kind';
COMMENT ON COLUMN "job"."payload" IS 'small JSON of ids, never personal data';
COMMENT ON COLUMN "job"."status" IS 'PENDING: PENDING\nDONE: DONE\nFAILED: FAILED\nCANCELLED: CANCELLED';
COMMENT ON COLUMN "job"."run_at" IS 'not run before: the schedule, or backoff';
COMMENT ON COLUMN "job"."attempts" IS 'claims so far, counted at claim';
COMMENT ON TABLE "job" IS 'One piece of domain work to run at `run_at`, by the handler registered for `kind`.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "job";"""


MODELS_STATE = (
    "eJztXWuT2jjW/isqvkymivSm6VteZmurCE3STGjoAToz2TDlqLEAv21kxjLp9Ozmv6/kG/"
    "IV29hg3PoC2NaRzSNZOvfzn9pSk5FKTq4VYujK1Kg1wX9qGC4R/RG4Vgc1uFptrrATBnxQ"
    "zcYy3+qB/oZmbzOoEkRPyYhMdWVlKBqmZ/FaVdlJbcqI8Hxzao2Vv9ZIMrQ5MhZIpxe+/E"
    "lPK1hG3xFxDleP0kxBqux5XEVm9zbPS8bzyjzXxcZ7syG724M01dT1Em8ar56NhYbd1go2"
    "H3+OMNKhgVj3hr5mj8+ezv6nzj+ynnTTxHpEjkZGM7hWDe7vPkibczVJ6g/G0qgzlqRaCo"
    "CmGmbg0kcl5r+fs0d43Tg9vzp/e3Z5/pY2MR/TPXP1w7r1BhiL0ISnP679MK9DA1otTIw3"
    "oJrfAVjbC6iH4+q09yFLH9mPrINjeaFdwu+SivDcWNDD0zdvYoD81Bq2b1rDV7TVz+yWGp"
    "3+1nvRty81rGsM7Q26hrJEf2s4FcI8TT4oOyc2MG/eWhfTFlHgP0YLiOcLqNT2AvnleQLE"
    "L88jAWeXfvxg68XskZvc7MQDnD4+QV2WPFc2A0OmC02zVjjvuLyzCd9/HCIVmv8vOA72wj"
    "kyOylqRAqc+T+cOeectd88z9wlBpzNdgSIddEiRJnjJQquvSFI2e9/6YFic0xraFGzLnhp"
    "2Vj6z0AM5+ZfYvdmd7JR+7CmXSgQk4WyCtuvPddj9+y5v+W2fbvWAg4NeAXBCup02ACcTr"
    "U1Nn4GqoIfkQwMDUBAjLVML57UfEBm7CKEL/hSsxuY88bus/anj1344l6SrD3fJmJHfwpe"
    "Yp+8hG4vCM50C+54Hbxemhh36YNBPEUBrP197G8HTA987XYwvukMm8D6nuD3LevY+p7gD8"
    "NW//quNez0x03AHUywTWh++d+gJFtnIwmz0ojmVRoBVmWqIwaoBI3g0F3TK4wtCX89vJS+"
    "AZNt0hPnR3mGL+0uEAb1uHvbGY1bt3es+yUhf6kmXq1xh11pmGeffWdfXfqGxe0E/N4d3w"
    "B2CP496HdMODVizHXzjpt243/X2DPBtaFJWHuSoMxj4px2TnmG2bdYJlwBfVTbl8IjGNV8"
    "VkOeX3L3neTAeokErjauAZ4+AHMQ4/eajiij+RE9B3aYKO50w10cF8RRbCk9rcMnl93xzS"
    "6KAP3fyLB249ao3bru1EIXhxzAvSeoRDt17sj6FsRwaKMF0SLFB1sqDREcNvJqtMhANm1y"
    "VfJ98SgQzQfzc/KCWX85ir9D71FC9VcF1R+Pt7O8pOO/fFSCAdvOgPHr+I5MAm95OjKQkz"
    "IKvgnmYRSGVJobdtvjOE6BE9BVSAjKRWXdZl1VCHSht84GlCkd7DqjKidFeUCCGGtruogt"
    "d0eqxXVVJbiKF2as9SpSonGXs21ijTR1W261hEzWV2dIpp8IXgFtBihbBqxegIL5o2cE9a"
    "AVJD15uAXEFcfsf8CaR0pQX/hWwgAiZKrDyVQXSUSqi2iJ6iIgUM11KIegO1pCVY1WXDtE"
    "VeLszxpXl+7UZQdxs3Z02+r1gtpqutxKDxCHrALJ7HQ8fZmnb+1jt3/dGX5oDcedfhPwRx"
    "N8N+zetoafpd7gd2aN8xxurt7f3fFXzcMJ/vW+3x0MpZvuh5sm4A4meNThrnAH5bDz2TtE"
    "OisFT1OlNyk/4493300NLUco8E1gBHLZol1tQFVz4ar7TUD8qxuhfYiYyLnB+9nurNoQc6"
    "/wDloeob0Q2ov8QDqc9uJYplTxygtz9YvUXThr41bVhbMiJ9FcXDxcXtJPdHVeB+hkfkLZ"
    "yMbla/pxVQczXVuCEVoZaPmAdOaI2VrP1yTEkXOHfkSUh1BMlAXaouUpA+oGkbQQpxnmNh"
    "nl9sURxXlMHu/GFAYw84D0wYewnBY8juTFQZcp2EVYDpNxSwbSlzuiNKZdVAmeQtkjn5wS"
    "xiMFRZkYRok1lqC3dYKIlxXSiYZ/IkDXVAQglsET5VkQUAxAb6YqiDQBBOZLVGdRK5bdRt"
    "Ppb8e6HxYFk1e3oXahte1eyfo27815UgRsRpbVK2gs4n0T6MUvnLKAPzTJhTVp/+E09thm"
    "CqOxaUutmm/3WqORNO602mYwjOdwgtuD+/6o0xuwK87PCe512uP7IWvu/JrgUftmMOhJre"
    "vbbr8J+KMJvu5a2hfnqve4HCr5w7mulUxKL0grv2dbx8sA1d0VUkPLUwqAgwCzvT0dsByF"
    "sB5ttx45zJMIcYkza3CTanvk0GGcgku2EOThExyK7v7NnUeKbLS1MwbXjVdgLugmVZEcN8"
    "T8Jl6q6DfboBeqTHBtfXFKhE2jnAPgOLncjsvEWrQLp5C6DyN1c2MTADfaYOKlKrXU7Zr1"
    "zmZXdWDdDTwpxkLBrhoqi1x8nkQuPo+Wi88DcrFwpy3SnRbR/xXCBifTL22oywx27X3ntt"
    "XrNIH1PcHWEfvMMsNPk4WJxkSJ+gfhQdGNheRYq5IawLxUL84GdngNT9kwq56Kp4oIC3/W"
    "w/mzHkbEO3KQI2W8dC6tfBbCHc3r/tSHFcHfM2MV/E0xrBx4u4HVdTuqKlTs6u6erXeaqk"
    "yfW3MdCefW5IoW09MlRMvieMBEq1gMp0ViT9bLq9OZX0SNjLtNQhKjn4mPsBW6mJfjtnpo"
    "lrNg7YpwXBWOqwcV2kWw5D6FSxHSl19I34FtXK21sRghQqw/H+DA+MuxjBikDSXCtdzKkA"
    "1Y3hI6XZD8mvJVMvqmTNEvQDEI0NFMR2QBDO0RYQJmmr5k3q0LCjIwFtAACmvzTWPJ3yGh"
    "l54WmoqC/Fshd9gejvTFdXcQ5ra9sngi7XiWTfXo0o7bL2aGYfZS5jDM5RTeKzXK9M0kYa"
    "xxtOQWpMwkw5VsbIsW4YSnqPAULQG3vNVTNImVwGbvJIu9202jO7T6GrOuKoR7ofpczloQ"
    "IlN4bQnRIoXibZcg+k7D6DXbucGU9uYExAEDwSnl1MFc+YYYLz+DS0V9ZlkGWAEp4NaV2l"
    "aKKufekwgSfP0pFkWnELKmO9vDs3tGRzIzNbjnhMSxV4lDC0sjGM2aOO0rlwvh9DKJO5Of"
    "n+TcmS5FDakXyeaj7yuFdpdhmL2UYphLPczuNpVFaPeQCqm9zOPsYVBS8Bs+MiFPhnhS+l"
    "i95OgGCUWorKi5dygLoqi5V1jNPXcZFXqmbdD6d5zt4HKr6P7gLdmamxTd4I7jwZc+Bujf"
    "93qHMnr3tLmCxwtdMwwT5YCKytugHqelUllTyeDbbtVUvYeKimTTNv1awYSldwIrOklo00"
    "fKWWGWuQlrRh0QDaja9PG1tjYAgc+EnV3QAQLwgZ16WmgAfVeIQYL6qoLusUM2TvPuabQl"
    "LkHl1CV55f2J1kzN6PCv9bBEfZG8DE+yP07mTYnZGH75VyExJBuiDFJsCLmQZMssybI1kW"
    "5ga2woIcFUWwbbRytGumwjHRBQDsOI+MNFQliRkIiSaGZkZTaWoKf1VnZkvEBAR1NNl1l1"
    "MbjJNun2Y1mvrN7BN3qZUoJXEMt15jtnus4pKj2gzAJBgG1KPwc5kuJuk8onz8xGydnVhM"
    "VsnxYz+gTrZaj8nyxZAE9f5tCM2t2w+6nV/izdDXrd9mez5BN3PMHtm27vWqILYEtqD/qj"
    "Tn/cBMFz/pcoCXN5loS5PItmLs8CvkH2q5iGd+dIyjxMB+bf+RpqdA3MYh7xEAorWOk4jT"
    "KomEvGPIokl2VEVLguFu26GLIU7NUMUrJlIE8ryGHEN49vaIjs5vcdjRbcPB6riaS2aJgT"
    "ORZakVpCANq7AGSOsLSAZJGGnfZSVU4ffnmegJ++PI/kp9kl4T74Ajlq4T74IoaZslZZXm"
    "WOTKjgyzy+HDuSnOPwEgk5LoHv1SY+f0ehw5cX4MhgTix5eGZYmSQPU5QOkTgcETsmUcNq"
    "JTnyfKFChhAr9ilWVNG5ptY5Ob08z2ICyV8/L9KHFZg/fAUJedLomphWLA4QVi/Sv/Em2V"
    "yOm8wBwBUq90wN5VvIlH6naSqCOCpOg6PzYf1QYLJgZzHZLxv9bjDoeTjod92xD+T723ed"
    "4atTE3vaSLGYg6CJQqgjsgzAUcgxKVyJRB7j5Ly41zruFuLdtfJ0sAhwFfGyBZcdwaqmkB"
    "cWMSPyZCdGzA3tOAxmJePVkq1ejn/j3pOLH+UMgxhrazzNA7EW11VV4cKaocyUaR5vYp/r"
    "qqpwrdZkIeWU7J921bZ6qjRa9M9SkU9XwqKJ0uJ1bfX1XHHAWKrZXNBiHVUaq5WOZkhHOB"
    "e87tzOqoRZKkPCBt6/1goypIW21mOQHWA01ujHdnx/Y93dOL1VhE1LaXbpymi50gw6wZ6H"
    "ZiRLLSy/XaBRPTbN3aa5pG/a514wVluZL8UjehaVSA5bFdYZiqRabpegzMYE0/21+U9F/h"
    "eLLIdYw89LbU2yWG/yT27LJn0KwO3mZYY7ozXhNJE14TTGmnAatCboiP5TYqS23vjpKoh3"
    "/o6NxIDGmkjhmSdHS6iqMZEkHtIKhZKcNa4u3WWaHcSt0KPbVq8Xll6LrJgwJz1ocshqMU"
    "bfI9Nr+QirYISMs8p0/hh7DDLOdH112/rjZ49Rpjfof3Cac9O73Ru8EwYyYSDbb6UbXhcY"
    "VurGpyuMcaHytyw4VsNXQdWKYHdr15qHrPyOJmrO7J+ZNxQ761PiSA6HoILcTiHcZdrteK"
    "dduGz4im34KIbiGLZhj4nN3S6S7wgeGuFtH5ZBlq8nnzSIgacRqEajyheQT4ctT1khmbfY"
    "Ep9BmDNW9zzCGZw4PIR/dxOE/HPTMTd4205vxzWHU0LMv8LbgbZ2qhwgrnjCCs+O7oF1SD"
    "mMYbc9PlR406/aQy1ERGen63GS+f/bDRIVn10paIpYKjpZW7LCr0+a/sgy0OlrDKABvtJv"
    "ys1+rYOHZ0CFc7CAWFaRDnQ0V4iBdCSbWem+PtJh/hpefTb/W4Qa99jlKNveF1vty65bt2"
    "O/UisK3inzl6Ir+L9G4+zsqvHm7PLtxfnV1cXbN+4OG7wUt9W+637o9n1C13aNgjOYiY1V"
    "dvsyy7s1bnL/RAD7q3WATuYnYMocChA50enaAwnKYi7M38ayR3PhfvZlevhaXq9U5tuHCH"
    "hSWIZvAIEzd1Irehpvkyh6Gm+jFT3smj8K7FnVYMjc/3U06EfFf7kkfo2DMjXAf4FKl9Gi"
    "XoPaP2drPGUIg4e1ohoKJifstv+qpRwcwqx2gP1LtlUoMqkDjL6xfO1mhlSomqlOk41TzL"
    "CwG8QrjPy6obpX88A68CuMNptL8G3Zns1zQ72/1at21+lfd/sf0o6STdYE9o8Jvh70O03A"
    "Pif4favb61w3gfU9we1Wv93pmafcn5netGQa1RiFasBa7zIBadR7G6rjUe0x12iT1XpAlI"
    "tCTZPFohIFktcq7ZsyVoxb1WaznV+t41MAGgZarsIcoONdCHi60tYIqFFxUVkSVtliBvU6"
    "4zEwfSDGcZtXEr6H+bkWsDc6K+J+2v2hflEsm50HsCbPKGlPOCw/ZTTD5iMrMeNWGrcjC7"
    "Js1RC8pCITU5k3BmEAfBHDPFOwQhaZxtlHKl7nMo+zWXYI6XqYOjxmf/RQVW97vEjkp3IR"
    "46dyYfmplMS1zRO3GaI398d1RivQsb/lVk16a1PHRcGvac/060H7DhA29GdL5LKiWk4Ai9"
    "ACCgEaVi11t6xp+gNS1aDyPLdeQ/Xl2tqgndmGD9qPslL4ajAe7bnnstkcmkuf6Xbnv8jt"
    "gUK9Xk71OtOAzjU9QsG7XWXF05da5W5XkJGGnd/u6T7SBL4TE3wzuO1In7qjLr24+T3B7c"
    "H9cNQZSa3+tdTrjEaUjlEHTk7wsPO+Mxy2etL9HdvumsB3YoJb/f7gvt/u3JoFbvijCR61"
    "3nfGn5vA+s6iHcu/1A0TtFU6eGm2S56mzFMiqzCZBOTLaJAvQ/K96XAZogmJU/Q7FMer58"
    "+DAS1Ehy98mIvOtyd8mPfowywjtJJUBT+mmdIeokrA7hN5ThtJRJ7TRrTIw675kLbNkklX"
    "cae9WMNzX8OF3i7T+nNs+hxH+kw5xhyZ0NeVeXw9monkKgIPWZWiCPaiLOBfL68+J2GggZ"
    "+sSiNQVJiBi1kQZ+Gn7fXT9k+v7R7w1nqQA7K85njgdlpRnD2raJmqfYSMwhYt/2askun6"
    "pc2MSeY8v0SE0IdlzuwEsQLtT7piGAgDBZtK+ClULV9f2hcm0GS9T0ALyAqdzYZLznh+Ah"
    "QjkCeokJtMsPsqEQCJbVPQtSfyC4DgQdegPIXEAAuNjgqAGMC1rLBscoCs0BSg7ytIZ7Ds"
    "eOvLCllBY7pAeuIq9BuHR+GBL0wEwkQgTATlmhLCRCDUS2HqJaFTFTrVFzfp1/o8VD6NLZ"
    "G0IdpjfST3zNEWSHI47TRTn6fZafrvKQhvI2B45IpfzL6attSSjMcRYV5bV6cCwryy8J/5"
    "B3BN1zoJ8+eMExA3NOWN2mFep8AV0IEibwTuV4/omSDj54QDcFjdMZGc586iQvZSl3a09q"
    "pGFobOXTeFozOETTUqMKOMA+2jFSbPso10Cr95Uegocvjjq6uIqj3xWBVpsGGYtayg3VqI"
    "pYa/XI8z0ZgVciDXcqttpgOnC9MuwowmELAOwHQBMUaqmUoIAntePNfNNCDgaQENy5hit4"
    "KYPLHMQ8GgjJz7TmIvcTpMn9lYmEv2ZS6x52emrdpPK7iy0u3VHtMHs7OuND1knGNsHzxR"
    "BdXAjWQO4zH+4n4JX1sblIeNMDBtV7dw5GWGuzb42ASDjxN83x92PnRH486Qpcvhjya4S3"
    "Hqda+l8eBjp98EnkNmXBwPPzOTIv3y5+DJpKy5SKKsuYhW1lz4h3JhGCspSnsWn/nDR1qh"
    "1LV5pP4ww5MjyuBEr0VequpFNuef+MN2ogl1iIzG2UtVPZwLiRLSkUE5XTgzkC6FZQhWNR"
    "ipPfRR+hCfMdLjwzwG4uvB/bteB9wNO+3uqGtbPFxeybzoNTkNO61ewKi9ES5SyQ8+wiq5"
    "++5BlohxCpY5PcOOnqsVVVvUfT6rvqlYJq9Vvjx2hBKEq569RQky5VpuVYKM3fQQLKEm3O"
    "SSsHth+gtTe/HqaYFwHTwtlOkCWFWbnaOVpirTZ0CxJbTXgOWpiHtMMMRmb4ph5WiV6VBD"
    "9QQMtScCoI7stKDWCMtNrg2gr8NyRcBX55SZVzqxmoXV7rRnEN+BleTCemZRW2rvtaWs6S"
    "HZ0yMN+xWkLLMgWBq5e65DnE2P5aUUWqxSa7E8S1zKgfbTCttimUd6s3Ul3508NBVSuuTm"
    "gcExCwkh5SiqJCsVFRq5JmHpbEVUpFfy4SbV9oBI66XOTax0OjuuhSC5TMmtgB5s6ROA/n"
    "2vd0iR0hXqI2RKXujfIlTy6oaENYOYREclNM0bncgOLdR+Me3ddMQNX4ggsJOSMxGPqesU"
    "RCJqBuV+i+05EH0iXkTIItYMyUqlz46c0sPce2g33UlqFHb7fdntX7JP98iMNRyZMYbXw8"
    "HdHbMb2j/Ci3fkYl7M3Rfc+0qmEWS8lMcjsZpFPUwFm1PV46+1gljM9lonoqZHVWt6HMLE"
    "LKpLiOoSh8e+SkuUCN54EcPMtucMY8yRide4zOMrqkrszSdIaLAL0GCLLIsHjZQVBoSCDQ"
    "gi/V9B6f+ESaFAk4J/iRAmsJ1NYEnCam31j6Rq85DtMGWgKBfVWBHMC48TtV/9SGuWszBs"
    "tWW5DRNZsqyaWvQFUq1x/YlYlidDe0T4BDD3RvMnK61ljVET6GiuEAMxHIFigKX2DbG8mu"
    "F2rLxvkNKP0ZQ2CEIbP0bvGeHKuE9XRnOk0wiLLkE+1qXDglt81jiWXHKm6cus1jyevsyu"
    "orXuYNQE9IOlDb0eDrrXLGOo+aMcBjlzLX6kfzrzSPAd7NG0+r59m9asSkmagH5M8M196/"
    "dOtwms7wn+o9sa3NJj63uCB3d3gyZgnxP8qfuJ/mafLL1sfzBkmWXpVznGj+5aWRyufWRl"
    "foUyLltnSVats+hF6yywZqnaFKqpojc3FHt8Mf5evG73074a79p34Pwqy5Q+SxKCfBYdgn"
    "wWCEEWRpdI6CunlHfY25QD7acVQ13qoRYKVOGBXRX1kx0umUOSMi6YtBpK1LBg9X2nczsW"
    "qIrW0t3paIZ0M9t0hKaOa1Hfqq1beRtv1di1uPjihaZMkZlwjfmEO8VGfgFYY6VswBJBbK"
    "vaFEKbBLVzu3YW6k/OLQZu/RO/M7nQue1T5ybK2IgyNjFlbMx1CGE2VmF+EHE1Dvyke6x0"
    "cBgJIcdCB+uVnFEa91IKEU2IaKUeTSGiHbeIViRH/RsL2blhETth3DR3NZaTNgN/pIXbMA"
    "0XzQUN+ZhdM6bSGi/QaDTfvHn95op+spqTowXE8wVUgLnSxvHVOXQ/wbcKXhuIAKKwUjGm"
    "8hssFRkr84VRB0Qz+3qiM5B2TrlzlmKVQQPgVNcIAbICVTQ1ImNABXN+QOY8G+N1GJ7Lwf"
    "1oeS66CeiGtDRfpyDi8dFxftoq7c255GHFckZkvZQCV1+VUboH/K3hdFVGOZo9WkhbRIH/"
    "cDavlJbSjNbo/EMQhVyWZZEWctmx+aIVIZWlESK2SXADjMYa/ShYfjvoIBQjve0kkbWQrk"
    "wXtRBpzL5Sj5PE4KbNNiEsGiQhopRLRMngBldtF7jGRRLfLNoqOsDzIuCdxV6qFAjbzSuI"
    "7mmi8NnTmPDZ02D4LL2jEVrDObqqMEey/5rah+HicisZvBNnsOtm9uN/znq9mQ=="
)
