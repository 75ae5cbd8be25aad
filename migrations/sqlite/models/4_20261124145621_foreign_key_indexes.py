from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE INDEX "idx_guardianshi_guardia_973858" ON "guardianship" ("guardian_id", "student_id");
        CREATE INDEX "idx_school_clas_school__24e5ad" ON "school_class" ("school_year_id");
        CREATE INDEX "idx_staff_assig_school__603706" ON "staff_assignment" ("school_class_id");
        CREATE INDEX "idx_staff_assig_school__b96df8" ON "staff_assignment" ("school_id");
        CREATE INDEX "idx_staff_assig_distric_87f589" ON "staff_assignment" ("district_id");
        CREATE INDEX "idx_student_school__8eac9c" ON "student" ("school_class_id");
        CREATE INDEX "idx_auth_sessio_user_id_658197" ON "auth_session" ("user_id");
        CREATE INDEX "idx_invitation_redeeme_b46f78" ON "invitation" ("redeemed_by_id");
        CREATE INDEX "idx_invitation_student_5abb9c" ON "invitation" ("student_id");
        CREATE INDEX "idx_invitation_issued__d2ce25" ON "invitation" ("issued_by_id");
        CREATE INDEX "idx_policy_agre_user_id_797cfd" ON "policy_agreement" ("user_id");
        CREATE INDEX "idx_policy_agre_student_9c017f" ON "policy_agreement" ("student_id");
        CREATE INDEX "idx_refresh_tok_session_e0eedc" ON "refresh_token" ("session_id");
        CREATE INDEX "idx_announcemen_author__5c5136" ON "announcement" ("author_id");
        CREATE INDEX "idx_announcemen_school__e1342c" ON "announcement" ("school_class_id");
        CREATE INDEX "idx_announcemen_school__3e5246" ON "announcement" ("school_id");
        CREATE INDEX "idx_push_consen_device__c14c63" ON "push_consent" ("device_id");
        CREATE INDEX "idx_push_delive_device__17f53d" ON "push_delivery" ("device_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_push_delive_device__17f53d";
        DROP INDEX IF EXISTS "idx_push_consen_device__c14c63";
        DROP INDEX IF EXISTS "idx_announcemen_school__3e5246";
        DROP INDEX IF EXISTS "idx_announcemen_school__e1342c";
        DROP INDEX IF EXISTS "idx_announcemen_author__5c5136";
        DROP INDEX IF EXISTS "idx_refresh_tok_session_e0eedc";
        DROP INDEX IF EXISTS "idx_policy_agre_student_9c017f";
        DROP INDEX IF EXISTS "idx_policy_agre_user_id_797cfd";
        DROP INDEX IF EXISTS "idx_invitation_issued__d2ce25";
        DROP INDEX IF EXISTS "idx_invitation_student_5abb9c";
        DROP INDEX IF EXISTS "idx_invitation_redeeme_b46f78";
        DROP INDEX IF EXISTS "idx_auth_sessio_user_id_658197";
        DROP INDEX IF EXISTS "idx_student_school__8eac9c";
        DROP INDEX IF EXISTS "idx_staff_assig_distric_87f589";
        DROP INDEX IF EXISTS "idx_staff_assig_school__b96df8";
        DROP INDEX IF EXISTS "idx_staff_assig_school__603706";
        DROP INDEX IF EXISTS "idx_school_clas_school__24e5ad";
        DROP INDEX IF EXISTS "idx_guardianshi_guardia_973858";"""


MODELS_STATE = (
    "eJztXVuT2jgW/isqXiZT1cmm77PM1lYRmqTZ0NAD9Mxkw5RXDQJcMRJjiXR6dvPfV/IN+Y"
    "oNNhi3XgDbOrL5JEvnfv5bW5AJMuibG50yUx+zWh38t4bhAvEfoWsnoAaXy/UVcYLBR8Nq"
    "PJFbPfLf0OptCg2K+KkJomNTXzKdYH4WrwxDnCRjQYRn61MrrP+5QhojM8TmyOQXPv/BT+"
    "t4gr4h6h4uv2hTHRkT3+PqE3Fv67zGnpfWuTZm762G4m6P2pgYqwVeN14+sznBXmsdW48/"
    "QxiZkCHRPTNX4vHF0zn/1P1H9pOum9iPKNFM0BSuDCb93Udtfa6mad3eUBu0hppWywDQmG"
    "ABLn9Uav37mXiE12enF9cXP51fXfzEm1iP6Z25/m7feg2MTWjB0x3WvlvXIYN2CwvjNajW"
    "dwjW5hya0bi67QPI8kcOIuviWF5oF/CbZiA8Y3N+ePr2bQKQvzb6zdtG/xVv9aO4JeHT33"
    "4vus6lM/uaQHuNLtMX6C+CMyEs0+SDsntiDfP6rfUwbVAd/m0wh3g2h3ptL5BfXaRA/Ooi"
    "FnBx6ft3sV5Mv0iTW5x4hOMvT9CcaL4r64Gh4zkh9grnH5d3DuH7j31kQOv/hcfBWTgHVi"
    "dFjUiBM/+7O+fcs86b55u7lMHpdEeARBcNSvUZXqDw2huBlPP+lx4oMcfIGYmbdeFLi7NF"
    "8AzEcGb9JXFvcScHtQ8r3oUOMZ3ry6j92nc9cc+eBVtu2rdrDeDSgFcQLKHJhw3A8ZisMP"
    "sRGDr+giaAEQABZasJv/imFgByyy4i+ILPNaeBNW+cPmt/BNiFz94lzd7zHSJx9IfiJfbJ"
    "S5jOguBOt/CO18KrhYVxmz8YxGMUwjrYx/52wOzA1+56w9tWvw7s7xF+37CP7e8R/tBvdG"
    "/uG/1Wd1gH0sEIO4TWV/ANSrN1nqVhVs7ieZWzEKsyNpEAVIMsPHQ3/IpgS6JfDz9lYMAm"
    "Dukb90d5hi/rLhAF9bB91xoMG3f3ovsFpX8aFl6NYUtcObPOPgfOvroKDIvXCfitPbwF4h"
    "D8u9dtWXASymamdcd1u+G/a+KZ4IoRDZMnDU5kTNzT7infMAcWy5QrYIBq81J4BKOaz2oo"
    "80vevpMeWD+RwtXBNcTTh2AOY/yemIgzmh/Rc2iHieNO19zFcUEcx5by0yZ88tidwOziCP"
    "D/jZi9GzcGzcZNqxa5OOQA7gNFJdqpc0c2sCBGQxsviBYpPjhSaYTgsJZX40UGum6Tq5Lv"
    "s0+BaD1YkJNXzPrLUfwdeo9Sqr8qqP5kvN3lJRv/FaBSDNhmBkxex3dkEmTL05GBnJZRCE"
    "wwH6PQ59Jcv90cJnEKkoBuQEpRLirrpuiqQqArvfV2QFnSwa4zqnJSlA8kiDFZ8UVssTtS"
    "DamrKsFVvDBjr1exEo23nG0Sa7Sx13KjJWS0uj5HE/6J4DUgU8DZMmD3AnQsHz0jaIatIN"
    "nJoy0gnjjm/APRPFaC+iy3UgYQJVMdTqa6TCNSXcZLVJchgWpmwkkEuoMFNIx4xbVLVCXO"
    "/vzs+sqbuuIgadYO7hqdTlhbzZdb7RHiiFUgnZ1Opi/z9K19bHdvWv0Pjf6w1a0D+WiE7/"
    "vtu0b/k9bp/Sascb7D9dWH+3v5qnU4wv966LZ7fe22/eG2DqSDER60pCvSQTnsfM4Okc1K"
    "IdNU6U3Kz/jj33czQysRKnxTGIE8tmhXG1DVXLhOgiYg+dWN0T7ETOTc4P3kdFZtiKVXeA"
    "ctj9JeKO1FfiAdTntxLFOqeOWFtfrF6i7ctXGj6sJdkdNoLi4fr674J7q+OAHozewNZyPP"
    "rl7zj+sTMDXJAgzQkqHFIzKFI2ZjNVvRCEfOHfpRUR5KMVEWaIuWpxg0GdVIhNOMcJuMc/"
    "uSiJI8Jo93Y4oCWHhABuBDeJIVPInkxUG3VbCLshym45YYMhc7ojTkXVQJnkLZo4CcEsUj"
    "hUWZBEZJNNagv3WKiJclMinBP1BgEgMBiCfgifMsCOgM8JsZOqJ1AIH1Ep2IqBXbbkNM/t"
    "u17kdFweTVbaRdaOW4V4q+rXtLnhQhm5Ft9Qobi2TfBH7xs6QskA8tcmVN2n84jTO2W4XR"
    "OLSlVs03O43BQBu2Gk0rGMZ3OMLN3kN30Or0xBX35wh3Ws3hQ180d3+N8KB52+t1tMbNXb"
    "tbB/LRCN+0be2Le9V/XA6V/OFc10ompRekld+zreNlgOrtCpmhlSkVwGGAxd6eDViJQlmP"
    "NluPXOZJhbgkmTWkSbU5cugwTsElWwjy8AmORHf/5s4jRTbe2pmA69orMBd006pIjhtieR"
    "MvVfSbY9CLVCZ4tr4kJcK6Uc4BcJJc7sRlYhLvwqmk7sNI3dLYhMCNN5j4qUotdXtmvfPp"
    "9Qmw7waedDbXsaeG2kYuvkgjF1/Ey8UXIblYudMW6U6L+P+KYIPT6ZfW1GUGu/a+ddfotO"
    "rA/h5h+0h8bjPDT9OFiSZEiQYH4VE32VxzrVVpDWB+qhdnAzu8hqdsmFVPxVNFhJU/6+H8"
    "WQ8j4h05yLEyXjaXVjkL4Y7m9WDqw4rg75uxOv6qMzsH3m5gtb2OqgqVuLq7Z+s9MfTxc2"
    "NmIuXcml7RYnm6RGhZXA+YeBULc1uk9mS9uj6dBkXU2LjbNCQJ+pnkCFuli3k5bquHZjkL"
    "1q4ox1XluHpQoV0FS+5TuFQhffmF9B3YxtVYsfkAUWr/+RAHJl9OZMQgb6hRqeVGhqwn8p"
    "bw6YImrzlfNUFf9TH6GeiMAhNNTUTngJEvCFMwJeZCeLfOOciAzSEDumjzlYjk75DyS09z"
    "YqAw/1bIHTaHI3323B2UuW2vLJ5KO77Npnp0acedF3OLYfZT5jDM5RTeKzXK/M2kUaxxvO"
    "QWptxKhivZ2BYtwilPUeUpWgJueaOnaBorgcPeaTZ7t5tGt2/3NRRdVQj3QvW5krUgQqbw"
    "2xLiRQrd3y5F9B3B6LXYucGY9+YGxAGG4Jhz6mCmf0WCl5/ChW48iywDooAU8OpKbSpFlX"
    "PvaQQJuf6UiKLTKV3xne3x2TtjookwNXjnlMSxV4mDRKURjGdN3PaVy4VwepXGnSnIT0ru"
    "TFeqhtSLZPPRt6XOu9timP2UaphLPczeNrWN0O4jVVJ7mcfZx6Bk4DcCZEqejPCkDLB66d"
    "ENE6pQWVVz71AWRFVzr7Cae94yqvRMm6AN7jibwZVW0f3BW7I1Ny264R3Hhy9/DNB96HQO"
    "ZfTukJmOh3OTMGahHFJR+RucJGmpDNFUY3LbjZqq91A30MSyTb/WMRXpncCSTxLe9AvnrL"
    "DI3IQJOwGUAIOMv7wmKwYofKbi7JwPEICP4tTTnAD0TaeMhvVVBd1jh2yc1t2zaEs8gsqp"
    "S/LK+xOvmZry4V+ZUYn6YnkZmWR/nMzbErMx8vJvQMo0B6ItpNgIciXJllmSFWsi38BWmO"
    "kRwVQbBjtAq0a6bCMdElAOw4gEw0UiWJGIiJJ4ZmRpNdagr/VGdmQ4R8BEY2JORHUxuM42"
    "6fVjW6/s3sFXfplTglcQT06E75zlOqcb/IAzCxQBsSn9GOZIirtNJp88KxulZFdTFrN9Ws"
    "z4E6wWkfJ/umQBMn2ZQzNq9/32r43mJ+2+12k3P1kln6TjEW7etjs3Gl8AG1qz1x20usM6"
    "CJ8LvkRpmMvzNMzleTxzeR7yDXJexSy8u0RS5mE6MP8u11Dja+A25hEfobKClY7TKIOKuW"
    "TMo0pyWUZEleti0a6LEUvBXs0gJVsG8rSCHEZ88/mGRshuQd/ReMHN57GaSmqLhzmVY6Ed"
    "qaUEoL0LQNYIa3NI51nYaT9V5fThVxcp+Omri1h+WlxS7oMvkKNW7oMvYpg5a7XNqyyRKR"
    "V8mcdXYkfScxx+IiXHpfC9Wsfn7yh0BPICHBnMqSUP3wwrk+RhidIREocrYickalguNVee"
    "L1TIUGLFPsWKKjrX1FpvTq8utjGB5K+fV+nDCswfvoSUPhG+JmYVi0OE1Yv0P3ubbi4nTe"
    "YQ4DqXe8ZM/xoxpd8RYiCI4+I0JLoA1o8FJgt2F5P9stHver2Oj4N+1x4GQH64e9fqvzq1"
    "sOeNdJs5CJsolDpimwE4CjkmgyuRymOcnhf3W8e9Qry7Vp4OFwGuIl6O4LIjWNUU8qIiZl"
    "Se7NSIeaEdh8GsZLxautXL9W/ce3Lxo5xhEGOywuM8EGtIXVUVLkyYPtXHebyJXamrqsK1"
    "XNG5llOyf95V0+6p0mjxP8tFPlOPiibKiteN3ddzxQETqWZzQUt0VGmsliaaIhPhXPC69z"
    "qrEmaZDAlreP9c6Yhpc7IyE5DtYTQk/GMzvr+I7m7d3irCpmU0u7QnaLEkjE+w574VyVKL"
    "ym8XanSSmOZu3Vwz1+1zLxhLltZL8QU9q0okh60K6w5FWi23R1BmY4Ll/lr/hz75p4gsh5"
    "jg5wVZ0W2sN/kntxWTPgPgTvMyw72lNeE0lTXhNMGacBq2JpiI/1PKMltvgnQVxDt/x0bK"
    "IFtRLTrz5GABDSMhksRHWqFQkvOz6ytvmRYHSSv04K7R6USl16JLIcxpj2QSsVoM0bfY9F"
    "oBwioYIZOsMq3fhz6DjDtdX901fv/RZ5Tp9Lof3ObS9G52eu+UgUwZyPZb6UbWBUaVugno"
    "ChNcqIItC47VCFRQtSPYvdq11qEov0NUzZn9M/NMd7I+pY7kcAkqyO0Uwl1m3Y532oXLhq"
    "/aho9iKI5hG/aZ2LztIv2O4KNR3vZRGWTlevJpgxhkGoVqPKpyAfls2MqUFZJ5iy3xGYZ5"
    "y+qeRziDU4eHyO9uipB/aTrmBm/T7e245nBGiOVXeDPQ9k6VA8QVT1jh29F9sPY5h9FvN4"
    "eHCm/yOaJEyOpBR5V4WR0HW6YoI+UlptPxa94z/3ok3wAX9s1nDqSXxe4NECZnUSqWYFHx"
    "iV+YEGI+IsOIKh+VU6+R1j2yYrwzZyR5P/pSl9Pb+dQJvstWc2hx7X/Y5aT8FyWuPpti4Z"
    "0+eym6hb+fnZ2fX5+9Pb/66fLi+vryp7fejhy+lLQ1v2t/aHcDQlqKGlQcrRkxYwxcmzPq"
    "yfRllplrTko8rd/65YGvT3UQODHCt727lvZre9DmF9e/R7jZe+gPWgOt0b3ROq3BgNMJ6t"
    "DJEe633rf6/UZHe7gXglodBE6McKPb7T10m607K2OffDTCg8b71vBTHdjf25g+88/dx9Bi"
    "afDBy6SjkmjKPCW2NcqlAfkqHuSriAA2Ey4imLp/8VkVF7nmUgRVJfqYgf8BQ6eFCX+1f0"
    "xXeCwwBI8r3WA6pm/Ebf9ZK5YhiYJbIJSsxQoqrE786hDRQVCLpZSyRQcQKqXsHpWyE4SW"
    "mqgmmmVK+4gqAXsgCvn0LE0Y8ulZfByyuBZAmjNZWVZxt71aw3Nfw5UlYqv159gsEa70mX"
    "GMJTKV2anM4+vTTKRXEfjIqmQW2YuyQH69/PqclJaTIFmVRqAou4mHmVI8by4P559em1X6"
    "9nqQA7Ky5rjndVpRnH2raJnSl0WMwgYt/3qs0un6tfWM2azy72EEFohS/rCiBA1FouLMk6"
    "kzhjDQsaWEH0PDQOYPlAMNMYUW6/0GNMBE57OZeeSC56dAZ6HAh0JuMsLeq0QBpI5NwSRP"
    "9GcAwaNJ4GQMKQNzwkcFQAzgaqKL8DhAl2gM0Lcl5DN4Ah4dQ4NOl5CN58hMXVbH9ikXrT"
    "P7HioTgTIRKBOBMhGUY09VJoIXpV5SOlWlU31xk35lziLl08Scj2uiPSZ89M4cbcZHl9PO"
    "MvVlmp2m/34UmrW1gOGTK362+qo7Uks6Hmffr8JabtmGIV5T728XqN23ujft7oeMi5FLVg"
    "fOjxG+6XU523rjaHyzB/mkivFJCPEJ1WpZmTTKXzNJQFzTlLZUuVXzG3gCOtAna4H71Rf0"
    "TBH7MeUAHFZ3TDX3ubdRIfupSztaB4tvUIbObTaFozOEjQkXmNGWAx2gVSbPso10hhh3lb"
    "kxdviT08WpNIQ5ponLaLARmDWYUPpF5k6QL58kmWislH9QarnRNtOC47llFxFGEwhEB2A8"
    "hxgjA0xFpingzIvnE/Ckszl4mkNmG1OcVhDTJ2SiSTgoI+e+09hL3A6zp2pQ5pJ9mUuc+b"
    "ldOfYAreLKSrdX+0wfws66JGbEOCfYPmSiCqqB86+eRFaM87AxBqbN6haJvMxw13of66D3"
    "cYQfuv3Wh/Zg2Oq3bupAPhrhNsep077Rhr2PrW4d+A6FcXHY/yRMivxrhN832h3Rg/29lb"
    "LmMo2y5jJeWXMZHMo5Y0stTnuWnH8uQFqhWPw88s8h0yRmTF6/+LXIT1WFzHNFJ1B0nGgi"
    "HSLjcfZTVQ/nQqKETMQ4pwunDJlaVMoDg8BY7WGAMoD4VJAeH+YJEN/0Ht51WuC+32q2B2"
    "3H4uHxStZFv8mp32p0QkbttXCRSX4IEFbJ3XcPskSCU/BE0jPs6LlaUbXFScBnNTAVy+S1"
    "Ktf7iFGCSOVANihBxlLLjUqQoZceApCp0FS4uSScXoT+wtJevHqaI3wCnub6eA7sMhTu0d"
    "KqHgQ4tqKgV8jyVMQ9RhhiqzedUUuBMuFDDY03oE+eKIAmAhjxtsAe4UldagP467BYUvAf"
    "9xTmAvV/UqtZRDJyZwbJHdhJLuxnVsky91+k2JoemjM9srBfYcoyC4KlkbtnJsTb6bH8lE"
    "qLVWotlm+JyzjQQVplWyzzSK+3rvS7k4+mQkqX3DwwJGYhJaQSRZVkpaJCI1dOOKOKikyS"
    "fKRJtTkgcuJVhstFrExZZq5kC0F6mVJaAX3Y8icA3YdO55AipSfUx8iUstC/QaiU1Q3pwh"
    "4tiY5LaMQfnSgObdR+tuzdfMRZIEQQjA2oL0RU4QQIdZ2OaNjCXswtNudADIh4MSGLmDDt"
    "EU35KyOO3FoK0nvoNN1JalR2+33Z7V+yT/fAijUcWDGGN/3e/b2wGzo/RrjZ6DZbHcuW6P"
    "3MxbyYuy+4/5XMIsj4KY9HYhUPDiwFm/30dWAV7gRW4U5RS0/sNGQ6TTc+VRJ2HF+azHZm"
    "ma4y/uZ5mJgNBCnSyBOOYsfjlW8BsuoZP/M3MtuQrTDTIzLpJ69jAVKljynzEqWCN17EMI"
    "vteYsxlsjUa1zm8RWReprlSpVpX/RRVW9bLMQnSGmwC9BgqyyLB42UVQaEgg0IKv1fQen/"
    "lEmhQJNCcIlQJrCdTWBpwmod9Y9mkFnEdpgxUFSKaqwI5oXHiTqvfqw1y10YNtqyvIapLF"
    "l2TS3+Ahn2uP5AbcsTI18QfgOEe6P1U5TWsseoDkw00ylDAkegM7AgX5HIqxltx8r7Bhn9"
    "GC1pgyK09mP0n1GujPt0ZbRGOouw6BHkY106LLjFZ40TySWnxFxsa82T6cvsKlpr9wZ1wD"
    "9E2tCbfq99IzKGWj/KYZCz1uIv/E9vPRJyB3s0rb5v3mU1q3KSOuAfI3z70Pit1a4D+3uE"
    "f283enf82P4e4d79fa8OxOcI/9r+lf8WnyK9bLfXF5ll+Vc5xo/vWts4XAfIyvwKbblsna"
    "dZtc7jF63z0JplkDE0MkVvrin2+GL8NX/d7GZ9Nd4178HF9TZT+jxNCPJ5fAjyeSgEWRld"
    "YqGvnFLeZW8zDnSQVg11qYdaKVCVB3ZV1E9OuGQOScqkYNJqKFGjgtX3nc7tWKAqWkt3b6"
    "IpMq1s0zGaOqnFyUZt3dLfeKPGriHFF8+JPkZWwjXhE+4WG/kZYCJK2YAFgthRtemUNwlr"
    "53btLNKfXFoMvPonQWdypXPbp85NlbFRZWwSythY6xDCYqyi/CCSahwESfdY6eAwEkKOhQ"
    "5Wy8mW0rifUoloSkQr9WgqEe24RbQiOepfRMjOrYjYieKmpauJnLQV+KPNvYZZuGgpaCjA"
    "7FoxlfZ4gbOz+tu3r99e809Rc3Iwh3g2hzqwVtokvjqH7kf4TscrhiiguigVYym/wUKfYH"
    "02ZyeAEquvJz4DeeecOxcpVgU0AI5NQimY6NBAYxYbA6qY8wMy59sxXofhuVzcj5bn4puA"
    "ybSF9TqFEU+OjgvSVmlvziUPK55siayfUuEaqDLK94C/CM5WZVSi2aOFtEF1+Dd388poKd"
    "3SGp1/CKKSy7ZZpJVcdmy+aEVIZVmEiE0SXA+jIeEfBctvBx2EYqS3nSSyBjL18bwWIY05"
    "V06SJDG4brNJCIsHSYko5RJRtnCDq7YL3NllGt8s3io+wPMy5J0lXqoMCDvNK4juaarw2d"
    "OE8NnTcPgsvyOLrOEcX1VYItl/Te3DcHG5lQzeiTPYdTP7/n/oTFxH"
)
